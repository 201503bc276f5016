package io.driftgate.wire;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads the common shape of a record envelope straight from its bytes, without Jackson: the five
 * envelope keys once each with the dataset before the fields, ASCII strings without escapes, and
 * flat fields that the dataset's layout declares, holding numbers, strings, booleans or null. That
 * is what producers send, and tokenizing it with Jackson cost more than everything else on the hot
 * path.
 *
 * <p>Anything else — an escape, a non-ASCII byte, a nested value, an undeclared or duplicate key, a
 * number Jackson would read as a {@code BigInteger}, a bad or missing member, malformed JSON —
 * makes it give up and return {@code null}, and {@link RecordParser} reads the value again with
 * Jackson, which decides and words the outcome. So this reader only ever accepts what the Jackson
 * path accepts, with the same values: integers as {@code int} or {@code long} exactly as Jackson
 * types them, decimals correctly rounded (Clinger's exact case, else {@link Double#parseDouble},
 * which rounds like Jackson's parser).
 */
final class PlainEnvelopeReader {

  private static final int MAX_NUMBER_LENGTH = 64;
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private static final byte[][] KEYS = {
    bytes("dataset"), bytes("version"), bytes("event_time"), bytes("cohort_key"), bytes("fields")
  };
  private static final int DATASET = 0;
  private static final int VERSION = 1;
  private static final int EVENT_TIME = 2;
  private static final int COHORT_KEY = 3;
  private static final int FIELDS = 4;
  private static final int REQUIRED = 1 << DATASET | 1 << VERSION | 1 << EVENT_TIME | 1 << FIELDS;

  private final StringPool datasets;
  private final StringPool versions;
  private final Function<String, FieldRow> rows;
  private char[] chars = new char[64];
  private byte[] in;
  private int pos;

  // The text of the last string read by string(): in[textStart, textStart + textLength).
  private int textStart;
  private int textLength;

  PlainEnvelopeReader(StringPool datasets, StringPool versions, Function<String, FieldRow> rows) {
    this.datasets = datasets;
    this.versions = versions;
    this.rows = rows;
  }

  /**
   * @param mapCapacity see {@link FieldRow#clear}
   * @return the record, or {@code null} when the value must be read by Jackson
   */
  ObservedRecord read(byte[] value, int mapCapacity) {
    in = value;
    pos = 0;
    String dataset = null;
    String version = null;
    String cohortKey = null;
    long eventTime = 0;
    FieldRow row = null;
    int seen = 0;
    skipWhitespace();
    if (next() != '{') {
      return null;
    }
    do {
      skipWhitespace();
      if (next() != '"' || !string()) {
        return null;
      }
      int key = envelopeKey();
      if (key < 0 || (seen & 1 << key) != 0) {
        return null;
      }
      seen |= 1 << key;
      skipWhitespace();
      if (next() != ':') {
        return null;
      }
      skipWhitespace();
      switch (key) {
        case DATASET -> {
          if (next() != '"' || !string() || textLength == 0) {
            return null;
          }
          dataset = datasets.lookup(text(), 0, textLength);
          if (dataset == null) {
            return null;
          }
        }
        case VERSION -> {
          if (next() != '"' || !string() || textLength == 0) {
            return null;
          }
          version = versions.lookup(text(), 0, textLength);
          if (version == null) {
            version = new String(in, textStart, textLength, StandardCharsets.ISO_8859_1);
          }
        }
        case EVENT_TIME -> {
          if (peek() == '"') {
            pos++;
            if (!string()) {
              return null;
            }
            eventTime = IsoInstant.parseMillis(text(), 0, textLength);
            if (eventTime == IsoInstant.INVALID) {
              return null;
            }
          } else {
            int start = pos;
            if (!skipNumber() || !isInteger(start, pos) || pos - start > 18) {
              return null;
            }
            eventTime = parseLong(start, pos);
          }
        }
        case COHORT_KEY -> {
          if (peek() == 'n') {
            if (!literal("null")) {
              return null;
            }
          } else if (next() != '"' || !string()) {
            return null;
          } else {
            cohortKey = new String(in, textStart, textLength, StandardCharsets.ISO_8859_1);
          }
        }
        default -> {
          if (dataset == null) {
            return null;
          }
          row = rows.apply(dataset);
          if (!fields(row, mapCapacity)) {
            return null;
          }
        }
      }
      skipWhitespace();
    } while (peek() == ',' && ++pos > 0);
    if (next() != '}') {
      return null;
    }
    skipWhitespace();
    if (pos != in.length || (seen & REQUIRED) != REQUIRED) {
      return null;
    }
    return new ObservedRecord(dataset, version, eventTime, cohortKey, row);
  }

  private boolean fields(FieldRow row, int mapCapacity) {
    if (next() != '{') {
      return false;
    }
    row.clear(mapCapacity);
    FieldLayout layout = row.layout();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return true;
    }
    int expected = 0;
    do {
      skipWhitespace();
      if (next() != '"' || !string()) {
        return false;
      }
      int position = layout.positionOf(in, textStart, textLength, expected);
      if (position < 0) {
        return false;
      }
      expected = position + 1;
      skipWhitespace();
      if (next() != ':') {
        return false;
      }
      skipWhitespace();
      if (!value(row, position)) {
        return false;
      }
      skipWhitespace();
    } while (peek() == ',' && ++pos > 0);
    return next() == '}';
  }

  private boolean value(FieldRow row, int position) {
    int c = peek();
    if (c == '"') {
      pos++;
      return string()
          && row.setObject(
              position,
              FieldRow.STRING,
              new String(in, textStart, textLength, StandardCharsets.ISO_8859_1));
    }
    if (c == 't') {
      return literal("true") && row.set(position, FieldRow.TRUE);
    }
    if (c == 'f') {
      return literal("false") && row.set(position, FieldRow.FALSE);
    }
    if (c == 'n') {
      return literal("null") && row.set(position, FieldRow.NULL);
    }
    int start = pos;
    if (!skipNumber()) {
      return false;
    }
    if (isInteger(start, pos)) {
      if (pos - start > 18) {
        return false;
      }
      long number = parseLong(start, pos);
      byte kind = number == (int) number ? FieldRow.INT : FieldRow.LONG;
      return row.setIntegral(position, kind, number);
    }
    return row.setDouble(position, parseDouble(start, pos));
  }

  /** Skips a JSON number, strictly as the grammar has it; false when there is none. */
  private boolean skipNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int c = peek();
    if (c == '0') {
      pos++;
      if (isDigit(peek())) {
        return false;
      }
    } else if (isDigit(c)) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      return false;
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        return false;
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    c = peek();
    if (c == 'e' || c == 'E') {
      pos++;
      c = peek();
      if (c == '+' || c == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        return false;
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    return pos - start <= MAX_NUMBER_LENGTH;
  }

  private boolean isInteger(int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = in[i];
      if (b == '.' || b == 'e' || b == 'E') {
        return false;
      }
    }
    return true;
  }

  /** A skipped integer of at most 18 digits (plus sign). */
  private long parseLong(int start, int end) {
    boolean negative = in[start] == '-';
    long value = 0;
    for (int i = negative ? start + 1 : start; i < end; i++) {
      value = value * 10 + (in[i] - '0');
    }
    return negative ? -value : value;
  }

  /** A skipped decimal, correctly rounded. */
  private double parseDouble(int start, int end) {
    int i = start;
    boolean negative = in[i] == '-';
    if (negative) {
      i++;
    }
    long significand = 0;
    int digits = 0;
    int scale = 0;
    boolean fraction = false;
    for (; i < end; i++) {
      byte b = in[i];
      if (b == '.') {
        fraction = true;
      } else if (b == 'e' || b == 'E') {
        break;
      } else {
        if (significand != 0 || b != '0') {
          digits++;
        }
        significand = significand * 10 + (b - '0');
        if (fraction) {
          scale++;
        }
        if (digits > 15) {
          return slowDouble(start, end);
        }
      }
    }
    int exponent = 0;
    if (i < end) {
      i++;
      boolean negativeExponent = in[i] == '-';
      if (in[i] == '-' || in[i] == '+') {
        i++;
      }
      if (end - i > 3) {
        return slowDouble(start, end);
      }
      for (; i < end; i++) {
        exponent = exponent * 10 + (in[i] - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    int power = exponent - scale;
    if (power < -22 || power > 22) {
      return slowDouble(start, end);
    }
    // Both operands are exact doubles, so one IEEE operation rounds correctly (Clinger 1990).
    double value =
        power < 0 ? significand / POWERS_OF_TEN[-power] : significand * POWERS_OF_TEN[power];
    return negative ? -value : value;
  }

  private double slowDouble(int start, int end) {
    return Double.parseDouble(new String(in, start, end - start, StandardCharsets.ISO_8859_1));
  }

  /**
   * Reads a string whose opening quote was consumed: printable ASCII without escapes only.
   *
   * @return false when the string is not plain, or not closed
   */
  private boolean string() {
    int start = pos;
    byte[] bytes = in;
    for (int i = start; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '"') {
        textStart = start;
        textLength = i - start;
        pos = i + 1;
        return true;
      }
      if (b < 0x20 || b == '\\') {
        return false;
      }
    }
    return false;
  }

  /** The last string's characters, from index 0 of a scratch array. */
  private char[] text() {
    if (chars.length < textLength) {
      chars = new char[Math.max(textLength, chars.length * 2)];
    }
    for (int i = 0; i < textLength; i++) {
      chars[i] = (char) in[textStart + i];
    }
    return chars;
  }

  private int envelopeKey() {
    for (int k = 0; k < KEYS.length; k++) {
      byte[] key = KEYS[k];
      if (key.length == textLength && regionEquals(key)) {
        return k;
      }
    }
    return -1;
  }

  private boolean regionEquals(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (in[textStart + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean literal(String word) {
    if (pos + word.length() > in.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (in[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += word.length();
    return true;
  }

  private void skipWhitespace() {
    while (pos < in.length) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  private int peek() {
    return pos < in.length ? in[pos] : -1;
  }

  private int next() {
    return pos < in.length ? in[pos++] : -1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
