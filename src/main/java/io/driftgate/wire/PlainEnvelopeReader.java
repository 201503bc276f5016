package io.driftgate.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads the plain form of the envelope straight from its bytes, or gives up ({@code null}) at the
 * first thing outside it, leaving the record to Jackson. It accepts a strict subset of JSON:
 *
 * <ul>
 *   <li>whitespace: space, tab, line feed, carriage return;
 *   <li>strings: bytes 0x20 to 0x7f without backslash (ASCII, no escapes), at most {@link
 *       #MAX_PLAIN_STRING} bytes; keys the same;
 *   <li>numbers: JSON's grammar. Integers of at most 18 digits are read exactly, as an int when in
 *       range (Jackson's {@code NumberType.INT}) else a long; longer ones are left to Jackson. A
 *       decimal without exponent whose digits are below 2^53, with at most 22 of them in the
 *       fraction, is digits / 10^fraction: one correctly rounded division (Clinger's fast path);
 *       any other number of at most {@value #MAX_PLAIN_NUMBER} characters goes through {@link
 *       Double#parseDouble}. Both give the correctly rounded double, as Jackson's parser does;
 *   <li>the envelope: an object with {@code dataset} (a known dataset), {@code version} (a string
 *       or an integer, 1 to {@value RecordParser#MAX_VERSION_LENGTH} characters), {@code
 *       event_time} (epoch millis, or an ISO-8601 string {@link IsoInstant} reads), optionally
 *       {@code cohort_key} (a string, an integer or null), and {@code fields} after {@code
 *       dataset}: an object of the dataset's declared fields, each once, with a string, number,
 *       true, false or null.
 * </ul>
 *
 * <p>What it reads into the dataset's row is what {@link RecordParser}'s Jackson path would have;
 * if it gives up after filling part of the row, Jackson's read clears it again.
 */
final class PlainEnvelopeReader {
  static final int MAX_PLAIN_STRING = 4096;
  static final int MAX_PLAIN_NUMBER = 64;
  private static final int DATASET = 0;
  private static final int VERSION = 1;
  private static final int EVENT_TIME = 2;
  private static final int COHORT_KEY = 3;
  private static final int FIELDS = 4;
  private static final int REQUIRED =
      (1 << DATASET) | (1 << VERSION) | (1 << EVENT_TIME) | (1 << FIELDS);
  private static final byte[][] KEYS = {
    ascii("dataset"), ascii("version"), ascii("event_time"), ascii("cohort_key"), ascii("fields")
  };
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Bytes after a key that {@link #compactNumber} may read: a sign, a word of at most 7 digits and
   * the point, then a word of at most 7 digits and the byte after them.
   */
  private static final int COMPACT_VALUE_ROOM = 1 + 2 * Long.BYTES;

  private static final long ZEROS = 0x3030303030303030L;
  private static final long SIXES = 0x0606060606060606L;
  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
  private static final long[] LONG_POWERS_OF_TEN = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L
  };
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private final StringPool datasets;
  private final StringPool versions;
  private final Function<String, FieldRow> rows;
  // How many keys the parser's last row held: this row's size hint, as the Jackson path sizes it,
  // so that a row's map view iterates alike whichever path read it.
  private int lastFieldCount;
  private byte[] b;
  private int pos;
  private int end;
  private char[] chars = new char[64];
  // The last string read: [stringStart, stringEnd) of b.
  private int stringStart;
  private int stringEnd;
  // The last number read: its text [numberStart, pos) and value.
  private int numberStart;
  private boolean integral;
  private long longValue;
  private double doubleValue;

  /**
   * @param datasets the parser's pool of known datasets
   * @param versions the parser's pool of versions seen
   * @param rows the parser's reusable row of a dataset
   */
  PlainEnvelopeReader(StringPool datasets, StringPool versions, Function<String, FieldRow> rows) {
    this.datasets = datasets;
    this.versions = versions;
    this.rows = rows;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * @param fieldCountHint how many keys the parser's last row held
   */
  ObservedRecord read(byte[] json, int fieldCountHint) {
    lastFieldCount = fieldCountHint;
    b = json;
    pos = 0;
    end = json.length;
    try {
      return envelope();
    } finally {
      b = null;
    }
  }

  private ObservedRecord envelope() {
    skipWhitespace();
    if (!take('{')) {
      return null;
    }
    int seen = 0;
    int expectedKey = DATASET;
    String dataset = null;
    String version = null;
    long eventTime = 0;
    int cohortStart = -1; // the cohort key's text in b, when there is one
    int cohortLength = 0;
    FieldRow fields = null;
    do {
      skipWhitespace();
      int key = envelopeKey(expectedKey);
      if (key < 0 || (seen & (1 << key)) != 0) {
        return null;
      }
      seen |= 1 << key;
      expectedKey = key + 1;
      skipWhitespace();
      if (!take(':')) {
        return null;
      }
      skipWhitespace();
      switch (key) {
        case DATASET -> {
          if (!string() || stringEnd == stringStart) {
            return null;
          }
          dataset = datasets.lookup(b, stringStart, stringEnd - stringStart);
          if (dataset == null) {
            return null;
          }
        }
        case VERSION -> {
          int start;
          int stop;
          if (at('"')) {
            if (!string()) {
              return null;
            }
            start = stringStart;
            stop = stringEnd;
          } else {
            if (!number() || !integral) {
              return null;
            }
            start = numberStart;
            stop = pos;
          }
          int length = stop - start;
          if (length == 0 || length > RecordParser.MAX_VERSION_LENGTH) {
            return null;
          }
          version = versions.lookup(b, start, length);
          if (version == null) {
            version = latin1(start, stop);
          }
        }
        case EVENT_TIME -> {
          if (at('"')) {
            if (!string()) {
              return null;
            }
            eventTime =
                IsoInstant.parseMillis(chars(stringStart, stringEnd), 0, stringEnd - stringStart);
            if (eventTime == IsoInstant.INVALID) {
              return null;
            }
          } else {
            if (!number() || !integral) {
              return null;
            }
            eventTime = longValue;
          }
        }
        case COHORT_KEY -> {
          if (at('"')) {
            if (!string()) {
              return null;
            }
            cohortStart = stringStart;
            cohortLength = stringEnd - stringStart;
          } else if (at('n')) {
            if (!literal("null")) {
              return null;
            }
            cohortStart = -1;
          } else {
            if (!number() || !integral) {
              return null;
            }
            cohortStart = numberStart;
            cohortLength = pos - numberStart;
          }
        }
        default -> {
          if (dataset == null) {
            return null;
          }
          fields = fields(dataset);
          if (fields == null) {
            return null;
          }
        }
      }
      skipWhitespace();
    } while (take(','));
    if (!take('}')) {
      return null;
    }
    skipWhitespace();
    if (pos != end || (seen & REQUIRED) != REQUIRED) {
      return null;
    }
    // The key's text is ASCII without escapes, its string exactly those bytes: made when asked.
    return cohortStart < 0
        ? new ObservedRecord(dataset, version, eventTime, null, fields)
        : ObservedRecord.withAsciiCohortKey(
            dataset, version, eventTime, b, cohortStart, cohortLength, fields);
  }

  private FieldRow fields(String dataset) {
    if (!take('{')) {
      return null;
    }
    FieldRow row = rows.apply(dataset);
    FieldLayout layout = row.layout();
    row.clear(lastFieldCount * 4 / 3 + 1);
    skipWhitespace();
    if (take('}')) {
      return row;
    }
    int expected = 0;
    do {
      skipWhitespace();
      int compactEnd =
          compactNumber(row, layout.keyPrefix(expected), layout.keyWord(expected), expected);
      if (compactEnd >= 0) {
        pos = compactEnd;
        expected++;
      } else {
        int position = fieldPosition(layout, expected);
        if (position < 0) {
          return null;
        }
        expected = position + 1;
        skipWhitespace();
        if (!take(':')) {
          return null;
        }
        skipWhitespace();
        if (!value(row, position)) {
          return null;
        }
      }
      skipWhitespace();
    } while (take(','));
    return take('}') ? row : null;
  }

  /**
   * Reads the field at pos when it has the form producers write most — the expected key, a colon, a
   * number of at most 7 integer and 7 fraction digits without exponent ({@code "f3":-12.5}) — into
   * the row at {@code position}, and returns where it ends; -1, pos unchanged, for anything else,
   * which {@link #fieldPosition} and {@link #value} then read. It reads the value {@link #number()}
   * would, eight bytes at a time (SWAR; Lemire, "Number parsing at a gigabyte per second", 2021):
   * the key with one masked load, each run of digits with one load, a lane test whose trailing
   * zeros give its length, and three multiplications for its value. A byte loop paid a branch and a
   * multiply-add per digit and mispredicted each number's end. The loads need {@value
   * #COMPACT_VALUE_ROOM} bytes after the key, so a record's last field goes the general way.
   *
   * @param keyPrefix the expected key's quoted name and colon, or null when it has none
   * @param keyWord the first 8 bytes of {@code keyPrefix}, little-endian
   */
  private int compactNumber(FieldRow row, byte[] keyPrefix, long keyWord, int position) {
    if (keyPrefix == null) {
      return -1;
    }
    byte[] b = this.b;
    int p = pos;
    int length = keyPrefix.length;
    if (end - p < length + COMPACT_VALUE_ROOM) {
      return -1;
    }
    if (length <= Long.BYTES) {
      if (((long) WORDS.get(b, p) & (-1L >>> (64 - 8 * length))) != keyWord) {
        return -1;
      }
    } else if (!Arrays.equals(b, p, p + length, keyPrefix, 0, length)) {
      return -1;
    }
    p += length;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    long word = (long) WORDS.get(b, p);
    int intDigits = digitRun(word);
    if (intDigits == 0 || intDigits == Long.BYTES || (intDigits > 1 && b[p] == '0')) {
      return -1; // no digit, a leading zero, or more digits than this reads
    }
    long digits = digitsValue(word, intDigits);
    p += intDigits;
    if (b[p] == '.') {
      word = (long) WORDS.get(b, ++p);
      int fractionDigits = digitRun(word);
      if (fractionDigits == 0
          || fractionDigits == Long.BYTES
          || isExponent(b[p + fractionDigits])) {
        return -1;
      }
      p += fractionDigits;
      // At most 14 digits, below 2^53: the quotient is correctly rounded (Clinger's fast path).
      double value =
          (digits * LONG_POWERS_OF_TEN[fractionDigits] + digitsValue(word, fractionDigits))
              / POWERS_OF_TEN[fractionDigits];
      return row.setDouble(position, negative ? -value : value) ? p : -1;
    }
    if (isExponent(b[p])) {
      return -1;
    }
    long value = negative ? -digits : digits;
    return row.setIntegral(position, value == (int) value ? FieldRow.INT : FieldRow.LONG, value)
        ? p
        : -1;
  }

  private static boolean isExponent(byte c) {
    return c == 'e' || c == 'E';
  }

  /**
   * How many of the 8 bytes in {@code word} (the first in the lowest lane) are decimal digits
   * before the first that is not. A lane is a digit when its high nibble is 3 and stays 3 with 6
   * added; carries between lanes start only at a lane that is no digit, so they never reach the run
   * below.
   */
  static int digitRun(long word) {
    long notDigit = ((word & HIGH_NIBBLES) ^ ZEROS) | (((word + SIXES) & HIGH_NIBBLES) ^ ZEROS);
    return Long.numberOfTrailingZeros(notDigit) >>> 3;
  }

  /** The value of the first {@code run} (1 to 8) bytes of {@code word}, all digits. */
  static long digitsValue(long word, int run) {
    // The run's digits moved to the top lanes, zeros (leading zeros of the value) below them.
    long lanes = (word - ZEROS) << (64 - 8 * run);
    long pairs = lanes * 10 + (lanes >>> 8); // lanes 0, 2, 4 and 6 hold two-digit values
    return ((pairs & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
            + ((pairs >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))
        >>> 32;
  }

  /**
   * The position of the field name at pos, pos after it; -1 when it is not a plain string or not
   * declared. Producers write fields in one order, so the name expected next is compared in place
   * first, without scanning the string and hashing it.
   */
  private int fieldPosition(FieldLayout layout, int expected) {
    if (quoted(layout.plainName(expected))) {
      return expected;
    }
    if (!string()) {
      return -1;
    }
    return layout.positionOf(b, stringStart, stringEnd - stringStart, expected);
  }

  /** Reads a scalar into the row; false for anything else or a duplicate key. */
  private boolean value(FieldRow row, int position) {
    if (pos >= end) {
      return false;
    }
    return switch (b[pos]) {
      case '"' ->
          string() && row.setObject(position, FieldRow.STRING, latin1(stringStart, stringEnd));
      case 't' -> literal("true") && row.set(position, FieldRow.TRUE);
      case 'f' -> literal("false") && row.set(position, FieldRow.FALSE);
      case 'n' -> literal("null") && row.set(position, FieldRow.NULL);
      default ->
          number()
              && (integral
                  ? row.setIntegral(
                      position,
                      longValue == (int) longValue ? FieldRow.INT : FieldRow.LONG,
                      longValue)
                  : row.setDouble(position, doubleValue));
    };
  }

  /**
   * The envelope key at pos, pos after it: the index of one of {@link #KEYS}, or -1 when it is not
   * a plain string or not an envelope key. The key expected next in the usual order is compared in
   * place first.
   */
  private int envelopeKey(int expected) {
    if (expected < KEYS.length && quoted(KEYS[expected])) {
      return expected;
    }
    if (!string()) {
      return -1;
    }
    int length = stringEnd - stringStart;
    for (int k = 0; k < KEYS.length; k++) {
      byte[] key = KEYS[k];
      if (key.length == length
          && java.util.Arrays.equals(b, stringStart, stringEnd, key, 0, length)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Whether the string at pos is exactly {@code plain} (bytes a string without escapes may hold, or
   * null for none), read as {@link #string()} would: then pos is after its closing quote. As {@code
   * plain} holds no quote, the quote after its bytes is the string's end, so one comparison
   * decides.
   */
  private boolean quoted(byte[] plain) {
    if (plain == null || plain.length > MAX_PLAIN_STRING) {
      return false;
    }
    int start = pos + 1;
    int stop = start + plain.length;
    if (stop >= end || b[pos] != '"' || b[stop] != '"' || !sameBytes(plain, start)) {
      return false;
    }
    stringStart = start;
    stringEnd = stop;
    pos = stop + 1;
    return true;
  }

  /**
   * Whether {@code expected} is at {@code start} of b, which holds all of it. A plain loop: the
   * names compared are a few bytes long, where {@code Arrays.equals} costs more in range checks and
   * its call than in the comparison.
   */
  private boolean sameBytes(byte[] expected, int start) {
    for (int i = 0; i < expected.length; i++) {
      if (b[start + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** A plain string at pos: its content in [stringStart, stringEnd), pos after its quote. */
  private boolean string() {
    byte[] b = this.b;
    if (pos >= end || b[pos] != '"') {
      return false;
    }
    int start = pos + 1;
    int limit = Math.min(end, start + MAX_PLAIN_STRING);
    for (int i = start; i < limit; i++) {
      byte c = b[i];
      if (c > '"' && c != '\\') {
        continue; // the common case, one comparison and one more
      }
      if (c == '"') {
        stringStart = start;
        stringEnd = i;
        pos = i + 1;
        return true;
      }
      // Control characters, escapes and every byte of a multi-byte UTF-8 sequence (negative).
      if (c < 0x20 || c == '\\') {
        return false;
      }
    }
    return false;
  }

  /**
   * A JSON number at pos, its text from numberStart to pos: an integer of at most 18 digits in
   * {@link #longValue}, or a number with a fraction or exponent in {@link #doubleValue}. Digits
   * accumulate in a long as they are scanned, in locals, so each byte is read once.
   */
  private boolean number() {
    byte[] b = this.b;
    int end = this.end;
    int p = pos;
    numberStart = p;
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    int intStart = p;
    long digits = 0; // overflows past 18 digits: not used then
    int d;
    while (p < end && (d = b[p] - '0') >= 0 && d <= 9) {
      digits = 10 * digits + d;
      p++;
    }
    int intDigits = p - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      return false; // no digit, or a leading zero
    }
    int fractionDigits = 0;
    if (p < end && b[p] == '.') {
      int fractionStart = ++p;
      while (p < end && (d = b[p] - '0') >= 0 && d <= 9) {
        digits = 10 * digits + d;
        p++;
      }
      fractionDigits = p - fractionStart;
      if (fractionDigits == 0) {
        return false;
      }
    }
    boolean exponent = p < end && (b[p] == 'e' || b[p] == 'E');
    if (exponent) {
      p = exponentEnd(p + 1);
      if (p < 0) {
        return false;
      }
    }
    pos = p;
    if (fractionDigits == 0 && !exponent) {
      if (intDigits > 18) {
        return false; // a long or a BigInteger near the long range: Jackson's
      }
      integral = true;
      longValue = negative ? -digits : digits;
      return true;
    }
    integral = false;
    if (!exponent
        && intDigits + fractionDigits <= 18
        && digits < 1L << 53
        && fractionDigits < POWERS_OF_TEN.length) {
      double value = digits / POWERS_OF_TEN[fractionDigits];
      doubleValue = negative ? -value : value;
      return true;
    }
    // Beyond the one-division case: the JDK's correctly rounded conversion of the same text.
    if (pos - numberStart > MAX_PLAIN_NUMBER) {
      return false;
    }
    doubleValue = Double.parseDouble(latin1(numberStart, pos));
    return true;
  }

  /** The end of an exponent's optional sign and digits starting at {@code p}, or -1 if none. */
  private int exponentEnd(int p) {
    if (p < end && (b[p] == '+' || b[p] == '-')) {
      p++;
    }
    int digitsStart = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    return p == digitsStart ? -1 : p;
  }

  private boolean literal(String word) {
    int length = word.length();
    if (end - pos < length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (b[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += length;
    return true;
  }

  /** Skips JSON whitespace; every whitespace byte is at most a space, so most calls test one. */
  private void skipWhitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
        return;
      }
      pos++;
    }
  }

  private boolean at(char c) {
    return pos < end && b[pos] == c;
  }

  private boolean take(char c) {
    if (pos < end && b[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** The ASCII bytes [start, stop) as chars at the start of a reused buffer. */
  private char[] chars(int start, int stop) {
    int length = stop - start;
    if (chars.length < length) {
      chars = new char[Math.max(length, 2 * chars.length)];
    }
    for (int i = 0; i < length; i++) {
      chars[i] = (char) b[start + i];
    }
    return chars;
  }

  /** The ASCII bytes [start, stop) as a string (Latin-1: a copy, no decoding). */
  private String latin1(int start, int stop) {
    return new String(b, start, stop - start, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
