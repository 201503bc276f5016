package io.driftgate.wire;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Finds the {@code String} equal to a run of characters without creating one. Dataset names and
 * versions repeat on every record, so the parser looks them up here instead of allocating a new
 * copy per record. Not thread-safe.
 */
final class StringPool {

  private final String[] slots;
  private final int mask;
  private final boolean growing;
  private int size;

  private StringPool(int capacity, boolean growing) {
    int slotCount = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
    this.slots = new String[slotCount];
    this.mask = slotCount - 1;
    this.growing = growing;
  }

  /** A pool of exactly {@code strings}; lookups of anything else return {@code null}. */
  static StringPool of(Collection<String> strings) {
    StringPool pool = new StringPool(strings.size(), false);
    for (String s : strings) {
      pool.insert(s);
    }
    return pool;
  }

  /**
   * A pool that learns the first {@code capacity} distinct strings it is asked for and then stops
   * learning, so a stream of ever-new values costs one allocation each, never unbounded memory.
   */
  static StringPool learning(int capacity) {
    return new StringPool(capacity, true);
  }

  /**
   * @return the pooled string equal to the characters; in a learning pool with room, a new pooled
   *     string; otherwise {@code null}
   */
  String lookup(char[] text, int offset, int length) {
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + text[i];
    }
    int slot = spread(hash) & mask;
    for (String candidate = slots[slot]; candidate != null; candidate = slots[slot]) {
      if (candidate.hashCode() == hash && equal(candidate, text, offset, length)) {
        return candidate;
      }
      slot = (slot + 1) & mask;
    }
    return canLearn() ? learn(slot, new String(text, offset, length)) : null;
  }

  /**
   * {@link #lookup(char[], int, int)} for characters given as ASCII bytes (each byte one char, as
   * Latin-1 decodes them), so that a reader of raw bytes need not copy them into chars first.
   */
  String lookup(byte[] ascii, int offset, int length) {
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + (ascii[i] & 0xff);
    }
    int slot = spread(hash) & mask;
    for (String candidate = slots[slot]; candidate != null; candidate = slots[slot]) {
      if (candidate.hashCode() == hash && equal(candidate, ascii, offset, length)) {
        return candidate;
      }
      slot = (slot + 1) & mask;
    }
    return canLearn()
        ? learn(slot, new String(ascii, offset, length, StandardCharsets.ISO_8859_1))
        : null;
  }

  /** Whether a lookup that missed may add its string: a learning pool at most half full. */
  private boolean canLearn() {
    return growing && 2 * (size + 1) <= slots.length;
  }

  /** Pools {@code learned} at the free {@code slot} its probe ended on. */
  private String learn(int slot, String learned) {
    slots[slot] = learned;
    size++;
    return learned;
  }

  private void insert(String s) {
    int slot = spread(s.hashCode()) & mask;
    while (slots[slot] != null) {
      if (slots[slot].equals(s)) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    slots[slot] = s;
    size++;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private static boolean equal(String s, char[] text, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != text[offset + i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equal(String s, byte[] ascii, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != (ascii[offset + i] & 0xff)) {
        return false;
      }
    }
    return true;
  }
}
