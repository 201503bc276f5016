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

  /** Below this a significand takes one more digit without overflow: 18 digits at most. */
  private static final long SIGNIFICAND_LIMIT = 100_000_000_000_000_000L;

  private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
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

  // The last number read by number(): an integer, or a decimal.
  private boolean isInteger;
  private long integer;
  private double decimal;

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
            if (!number() || !isInteger) {
              return null;
            }
            eventTime = integer;
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
    if (!number()) {
      return false;
    }
    if (isInteger) {
      byte kind = integer == (int) integer ? FieldRow.INT : FieldRow.LONG;
      return row.setIntegral(position, kind, integer);
    }
    return row.setDouble(position, decimal);
  }

  /**
   * Reads a JSON number, strictly as the grammar has it, in one pass: an integer of at most 18
   * digits into {@link #integer}, anything else with a fraction or exponent into {@link #decimal}.
   *
   * @return false when there is no number, or an integer Jackson would not read as int or long
   */
  private boolean number() {
    byte[] bytes = in;
    int end = bytes.length;
    int start = pos;
    int i = start;
    boolean negative = i < end && bytes[i] == '-';
    if (negative) {
      i++;
    }
    int integerStart = i;
    long significand = 0;
    boolean lost = false;
    while (i < end && isDigit(bytes[i])) {
      if (significand < SIGNIFICAND_LIMIT) {
        significand = significand * 10 + (bytes[i] - '0');
      } else {
        lost = true;
      }
      i++;
    }
    int integerDigits = i - integerStart;
    if (integerDigits == 0 || (integerDigits > 1 && bytes[integerStart] == '0')) {
      return false;
    }
    boolean isDecimal = false;
    int scale = 0;
    if (i < end && bytes[i] == '.') {
      int fractionStart = ++i;
      while (i < end && isDigit(bytes[i])) {
        if (significand < SIGNIFICAND_LIMIT) {
          significand = significand * 10 + (bytes[i] - '0');
          scale++;
        } else {
          lost = true;
        }
        i++;
      }
      if (i == fractionStart) {
        return false;
      }
      isDecimal = true;
    }
    int exponent = 0;
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      boolean negativeExponent = i < end && bytes[i] == '-';
      if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
        i++;
      }
      int exponentStart = i;
      while (i < end && isDigit(bytes[i])) {
        if (exponent < 100_000) {
          exponent = exponent * 10 + (bytes[i] - '0');
        }
        i++;
      }
      if (i == exponentStart) {
        return false;
      }
      exponent = negativeExponent ? -exponent : exponent;
      isDecimal = true;
    }
    if (i - start > MAX_NUMBER_LENGTH) {
      return false;
    }
    pos = i;
    isInteger = !isDecimal;
    if (isInteger) {
      integer = negative ? -significand : significand;
      return !lost;
    }
    int power = exponent - scale;
    if (lost || significand > MAX_EXACT_SIGNIFICAND || power < -22 || power > 22) {
      decimal = slowDouble(start, i);
    } else {
      // Both operands are exact doubles, so one IEEE operation rounds correctly (Clinger 1990).
      double value =
          power < 0 ? significand / POWERS_OF_TEN[-power] : significand * POWERS_OF_TEN[power];
      decimal = negative ? -value : value;
    }
    return true;
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
