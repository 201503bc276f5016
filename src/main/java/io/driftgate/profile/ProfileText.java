package io.driftgate.profile;

import java.io.DataOutput;
import java.io.IOException;

/**
 * The bound on every string a profile stores. A profile is written with {@link
 * DataOutput#writeUTF}, which throws above 65,535 encoded bytes: one oversized category value of
 * one record would then fail every checkpoint and every window close, a restart loop from a single
 * record. Category values are capped when observed (so counts stay consistent across merges), and
 * every name is capped again when written, so no string that reaches a profile can break {@link
 * DatasetProfile#toBytes()}. Strings within the cap are written unchanged, byte for byte.
 */
public final class ProfileText {

  /**
   * Most UTF-8 bytes of a category value kept by a profile; longer values are truncated on a code
   * point boundary, so distinct values sharing their first 1,024 bytes count as one category.
   */
  public static final int MAX_BYTES = 1024;

  private ProfileText() {}

  /**
   * {@code text} cut to at most {@link #MAX_BYTES} UTF-8 bytes without splitting a code point; the
   * same instance when it fits, so callers can tell a truncation by identity.
   */
  public static String cap(String text) {
    if (text.length() <= MAX_BYTES / 3) {
      return text;
    }
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      int width = 1;
      int size;
      if (c < 0x80) {
        size = 1;
      } else if (c < 0x800) {
        size = 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        size = 4;
        width = 2;
      } else {
        size = 3;
      }
      if (bytes + size > MAX_BYTES) {
        return text.substring(0, i);
      }
      bytes += size;
      i += width;
    }
    return text;
  }

  /** Writes {@link #cap(String) capped} text: a fitting string exactly as {@code writeUTF} does. */
  static void write(DataOutput out, String text) throws IOException {
    out.writeUTF(cap(text));
  }
}
