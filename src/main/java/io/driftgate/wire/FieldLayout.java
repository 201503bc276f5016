package io.driftgate.wire;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The declared field names of one dataset in contract order: position {@code i} of a {@link
 * FieldRow} holds the value of {@code name(i)}. Names are interned because Jackson interns the
 * field names it reads, so a key is usually found by reference; a lookup falls back to {@code
 * equals}, never allocates, and first tries the position after the previous key, since producers
 * tend to write fields in one order.
 */
public final class FieldLayout implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A layout without declared fields: every key of a row is undeclared. */
  public static final FieldLayout NONE = new FieldLayout(new String[0]);

  private final String[] names;

  /**
   * Each name as the bytes a JSON string without escapes spells it in, or {@code null} when none
   * does (a byte outside 0x20 to 0x7f, a quote, a backslash): the plain reader matches a key to the
   * expected name in one comparison instead of char by char. Rebuilt by {@link #readResolve()}.
   */
  private final transient byte[][] plainNames;

  /**
   * Each plain name as a key is written before its value, quoted and with its colon, and the first
   * 8 bytes of that as a little-endian word: the plain reader checks a key in the usual form with
   * one masked load. {@code null} and 0 where the name is not plain.
   */
  private final transient byte[][] keyPrefixes;

  private final transient long[] keyWords;

  private final int[] slots;
  private final int mask;

  private FieldLayout(String[] names) {
    this.names = names;
    this.plainNames = new byte[names.length][];
    this.keyPrefixes = new byte[names.length][];
    this.keyWords = new long[names.length];
    for (int i = 0; i < names.length; i++) {
      plainNames[i] = plainBytes(names[i]);
      if (plainNames[i] != null) {
        keyPrefixes[i] = keyPrefix(plainNames[i]);
        keyWords[i] = firstWord(keyPrefixes[i]);
      }
    }
    int slotCount = Integer.highestOneBit(Math.max(4, names.length * 4 - 1)) << 1;
    this.slots = new int[slotCount];
    this.mask = slotCount - 1;
    Arrays.fill(slots, -1);
    for (int i = 0; i < names.length; i++) {
      int slot = spread(names[i].hashCode()) & mask;
      while (slots[slot] >= 0) {
        if (names[slots[slot]].equals(names[i])) {
          throw new IllegalArgumentException("field " + names[i] + " is declared twice");
        }
        slot = (slot + 1) & mask;
      }
      slots[slot] = i;
    }
  }

  /**
   * @param names distinct field names, in the order rows index them
   */
  public static FieldLayout of(List<String> names) {
    return new FieldLayout(names.stream().map(String::intern).toArray(String[]::new));
  }

  public int size() {
    return names.length;
  }

  public String name(int position) {
    return names[position];
  }

  /**
   * @param expected the position to try first
   * @return the position of {@code name}, or -1 when it is not declared
   */
  int positionOf(String name, int expected) {
    if (expected < names.length && names[expected] == name) {
      return expected;
    }
    int slot = spread(name.hashCode()) & mask;
    for (int p = slots[slot]; p >= 0; p = slots[slot]) {
      String candidate = names[p];
      if (candidate == name || candidate.equals(name)) {
        return p;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /**
   * The name at {@code position} as the bytes of a JSON string without escapes, or {@code null}
   * when it cannot be written so (or there is no such position): what a plain reader compares a key
   * with when it expects this name next.
   */
  byte[] plainName(int position) {
    return position < plainNames.length ? plainNames[position] : null;
  }

  /**
   * The name at {@code position} quoted and followed by its colon, as a key in the usual form is
   * written, or {@code null} when it is not plain (or there is no such position).
   */
  byte[] keyPrefix(int position) {
    return position < keyPrefixes.length ? keyPrefixes[position] : null;
  }

  /** The first 8 bytes of {@link #keyPrefix(int)} (fewer when shorter), little-endian. */
  long keyWord(int position) {
    return position < keyWords.length ? keyWords[position] : 0;
  }

  private static byte[] keyPrefix(byte[] plain) {
    byte[] prefix = new byte[plain.length + 3];
    prefix[0] = '"';
    System.arraycopy(plain, 0, prefix, 1, plain.length);
    prefix[plain.length + 1] = '"';
    prefix[plain.length + 2] = ':';
    return prefix;
  }

  private static long firstWord(byte[] bytes) {
    long word = 0;
    for (int k = Math.min(Long.BYTES, bytes.length) - 1; k >= 0; k--) {
      word = word << 8 | (bytes[k] & 0xFF);
    }
    return word;
  }

  /**
   * {@link #positionOf(String, int)} for a name given as the bytes of a JSON string without escapes
   * (0x20 to 0x7f, no quote or backslash), without making a string of them.
   *
   * @return the position of the name, or -1 when it is not declared
   */
  int positionOf(byte[] ascii, int offset, int length, int expected) {
    if (plainNameAt(expected, ascii, offset, length)) {
      return expected;
    }
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + ascii[i];
    }
    int slot = spread(hash) & mask;
    for (int p = slots[slot]; p >= 0; p = slots[slot]) {
      if (names[p].hashCode() == hash && plainNameAt(p, ascii, offset, length)) {
        return p;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** Whether the plain bytes are the name at {@code position}; a name not plain is never. */
  private boolean plainNameAt(int position, byte[] ascii, int offset, int length) {
    byte[] name = plainName(position);
    return name != null
        && name.length == length
        && Arrays.equals(name, 0, length, ascii, offset, offset + length);
  }

  /** {@code name}'s bytes when a JSON string without escapes can spell it, else null. */
  private static byte[] plainBytes(String name) {
    byte[] bytes = new byte[name.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7f || c == '"' || c == '\\') {
        return null;
      }
      bytes[i] = (byte) c;
    }
    return bytes;
  }

  /** Same names in the same order: rows of one can be read by positions of the other. */
  public boolean sameAs(FieldLayout other) {
    return this == other || (other != null && Arrays.equals(names, other.names));
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** Interning is per JVM: re-intern after deserialization so lookups by reference keep working. */
  private Object readResolve() {
    return names.length == 0 ? NONE : of(Arrays.asList(names));
  }
}
