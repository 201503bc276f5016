package io.driftgate.wire;

import static io.driftgate.wire.JsonTokens.describe;
import static io.driftgate.wire.JsonTokens.quoted;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON record envelope into an {@link ObservedRecord}, or says why it cannot:
 *
 * <pre>{@code
 * {"dataset":"features.customer_profile","version":"v2",
 *  "event_time":"2026-11-24T10:00:00Z" or 1795514400000,
 *  "cohort_key":"c-42", "fields":{...}}
 * }</pre>
 *
 * <p>It streams tokens rather than building a tree, pools dataset and version strings, reads
 * ISO-8601 event times without {@code java.time}, and reports bad input as a {@link Rejection}
 * value: the only exception it catches is Jackson's for input that is not JSON. Unknown envelope
 * keys are skipped so producers can add metadata before the job knows it; {@code cohort_key} may be
 * absent or null.
 *
 * <p>The {@code fields} object is read into a {@link FieldRow} indexed by the dataset's {@link
 * FieldLayout} (its contract's fields): numbers as primitive doubles and longs with their JSON
 * kind, strings as strings, no map and no boxing per record. {@link FieldRow#asMap()} gives the map
 * view: values as {@code String}, {@code Integer}, {@code Long}, {@code BigInteger}, {@code
 * Double}, {@code Boolean}, {@code null}, {@code Map} or {@code List}. Decimals become {@code
 * Double}, not {@code BigDecimal}: sketches and range checks work in doubles anyway, so exact
 * decimals would cost an allocation per value and change no decision. A decimal beyond double range
 * becomes an infinity, which the contract check reports as not finite.
 *
 * <p>A record in the plain form producers write — ASCII strings without escapes, numbers of at most
 * 18 digits without an exponent, scalar field values of declared fields, each envelope key once and
 * no other — is read by {@link PlainEnvelope} straight from its bytes, without a Jackson parser
 * (whose construction alone was a third of the parse) or any string but the cohort key's and string
 * values'. Anything else, and every record that would be rejected, is read again from the start by
 * Jackson, so Jackson alone decides what is rejected and why; the plain reader only ever returns a
 * record Jackson returns too, with the same values ({@code RecordParserFastPathFuzzTest} checks
 * this on random and mutated envelopes).
 *
 * <p>One instance reuses its string pools and one row per dataset across calls, so it is not
 * thread-safe: give each Flink subtask its own, and use (or {@link ObservedRecord#detached() copy})
 * a record before parsing the next one. Jackson cannot re-point a parser at new bytes, so each call
 * gets a cheap parser from a shared factory that recycles its buffers and field-name symbols (and
 * interns field names, which {@link FieldLayout} looks up by reference).
 */
public final class RecordParser {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
  private static final int MAX_POOLED_VERSIONS = 256;

  /** Longest version kept: the database's version columns are {@code VARCHAR(255)}. */
  public static final int MAX_VERSION_LENGTH = 255;

  private static final FieldRow NO_FIELDS = FieldRow.of(Map.of());

  private final StringPool datasets;
  private final StringPool versions = StringPool.learning(MAX_POOLED_VERSIONS);
  private final Envelope envelope = new Envelope();
  private final Map<String, FieldRow> rows = new HashMap<>();
  private String lastDataset;
  private FieldRow lastRow;
  private int lastFieldCount = 16;
  private final PlainEnvelope plain;
  private long plainRecords;

  /**
   * A parser whose rows declare no fields: every key is undeclared, read as {@link #value} boxes
   * it. For tools and tests; the job binds rows to contracts with {@link #RecordParser(Map)}.
   *
   * @param knownDatasets the datasets the job has contracts for; records of others are rejected as
   *     {@link RejectReason#UNKNOWN_DATASET}
   */
  public RecordParser(Set<String> knownDatasets) {
    this(knownDatasets, true);
  }

  private RecordParser(Set<String> knownDatasets, boolean plainPath) {
    this.datasets = StringPool.of(knownDatasets);
    this.plain = plainPath ? new PlainEnvelope() : null;
  }

  /**
   * @param layouts the declared fields of each dataset the job has contracts for; records of others
   *     are rejected as {@link RejectReason#UNKNOWN_DATASET}
   */
  public RecordParser(Map<String, FieldLayout> layouts) {
    this(layouts, true);
  }

  private RecordParser(Map<String, FieldLayout> layouts, boolean plainPath) {
    this(layouts.keySet(), plainPath);
    layouts.forEach((dataset, layout) -> rows.put(dataset, new FieldRow(layout)));
  }

  /** A parser that reads every record with Jackson: the reference the plain reader is tested by. */
  static RecordParser jacksonOnly(Map<String, FieldLayout> layouts) {
    return new RecordParser(layouts, false);
  }

  /** Records the plain reader returned so far (the others took Jackson's path), for tests. */
  long plainRecords() {
    return plainRecords;
  }

  public ParseResult parse(byte[] value) {
    if (value == null || value.length == 0) {
      return new Rejection(RejectReason.MALFORMED_JSON, "empty value");
    }
    if (plain != null) {
      ObservedRecord record = plain.read(value);
      if (record != null) {
        plainRecords++;
        return record;
      }
    }
    try (JsonParser parser = FACTORY.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Rejection(
            RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(parser, first));
      }
      envelope.reset();
      return read(parser, envelope);
    } catch (IOException e) {
      return JsonTokens.malformed(e);
    }
  }

  private ParseResult read(JsonParser parser, Envelope e) throws IOException {
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      if (e.isDuplicate(key)) {
        return new Rejection(RejectReason.MALFORMED_JSON, "duplicate key '" + key + "'");
      }
      switch (key) {
        case "dataset" -> dataset(parser, token, e);
        case "version" -> version(parser, token, e);
        case "event_time" -> eventTime(parser, token, e);
        case "cohort_key" -> cohortKey(parser, token, e);
        case "fields" -> {
          ParseResult problem = fields(parser, token, e);
          if (problem != null) {
            return problem;
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      return new Rejection(RejectReason.MALFORMED_JSON, "trailing content after the record object");
    }
    return e.result();
  }

  private void dataset(JsonParser parser, JsonToken token, Envelope e) throws IOException {
    if (token != JsonToken.VALUE_STRING || parser.getTextLength() == 0) {
      e.datasetProblem =
          new Rejection(
              RejectReason.MISSING_DATASET,
              "dataset must be a non-empty string, got " + describe(parser, token));
      parser.skipChildren();
      return;
    }
    e.dataset =
        datasets.lookup(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    if (e.dataset == null) {
      e.datasetProblem =
          new Rejection(
              RejectReason.UNKNOWN_DATASET,
              "dataset " + quoted(parser.getText()) + " has no contract in this job");
    }
  }

  private void version(JsonParser parser, JsonToken token, Envelope e) throws IOException {
    boolean text = token == JsonToken.VALUE_STRING && parser.getTextLength() > 0;
    if (!text && token != JsonToken.VALUE_NUMBER_INT) {
      e.versionProblem =
          "version must be a non-empty string or an integer, got " + describe(parser, token);
      parser.skipChildren();
      return;
    }
    if (parser.getTextLength() > MAX_VERSION_LENGTH) {
      e.versionProblem =
          "version is "
              + parser.getTextLength()
              + " characters long, more than the "
              + MAX_VERSION_LENGTH
              + " the database's version columns hold";
      e.versionTooLong = true;
      return;
    }
    e.version =
        versions.lookup(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    if (e.version == null) {
      e.version = parser.getText();
    }
  }

  private static void eventTime(JsonParser parser, JsonToken token, Envelope e) throws IOException {
    long millis = EventTimeJson.read(parser, token);
    if (millis == IsoInstant.INVALID) {
      e.eventTimeProblem = EventTimeJson.problem(parser, token);
    } else {
      e.eventTime = millis;
      e.hasEventTime = true;
    }
  }

  private static void cohortKey(JsonParser parser, JsonToken token, Envelope e) throws IOException {
    if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
      e.cohortKey = parser.getText();
    } else if (token != JsonToken.VALUE_NULL) {
      e.cohortProblem = "cohort_key must be a string or an integer, got " + describe(parser, token);
      parser.skipChildren();
    }
  }

  /**
   * Reads the row into {@code e}: into the dataset's reusable {@link FieldRow} when the dataset
   * came first (as producers write it), else into a map wrapped as a row without layout. The row of
   * an unknown dataset is skipped unread.
   *
   * @return a rejection that ends the parse at once, or {@code null}
   */
  private ParseResult fields(JsonParser parser, JsonToken token, Envelope e) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      e.fieldsProblem = "fields must be an object, got " + describe(parser, token);
      parser.skipChildren();
      return null;
    }
    if (e.datasetProblem != null) {
      parser.skipChildren();
      e.fields = NO_FIELDS;
      return null;
    }
    int capacity = lastFieldCount * 4 / 3 + 1;
    if (e.dataset == null) {
      Map<String, Object> map = new HashMap<>(capacity);
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        int before = map.size();
        map.put(name, value(parser, parser.nextToken()));
        if (map.size() == before) {
          return duplicate(name);
        }
      }
      lastFieldCount = map.size();
      e.fields = FieldRow.of(map);
      return null;
    }
    FieldRow row = rowOf(e.dataset);
    FieldLayout layout = row.layout();
    row.clear(capacity);
    int expected = 0;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken valueToken = parser.nextToken();
      int position = layout.positionOf(name, expected);
      if (position < 0) {
        if (!row.addUndeclared(name, value(parser, valueToken))) {
          return duplicate(name);
        }
        continue;
      }
      expected = position + 1;
      if (!read(parser, valueToken, row, position)) {
        return duplicate(name);
      }
    }
    lastFieldCount = row.keyCount();
    e.fields = row;
    return null;
  }

  /** Reads a declared field's value into the row, as {@link #value} would box it. */
  private static boolean read(JsonParser parser, JsonToken token, FieldRow row, int position)
      throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> row.setIntegral(position, FieldRow.INT, parser.getIntValue());
            case LONG -> row.setIntegral(position, FieldRow.LONG, parser.getLongValue());
            default -> row.setObject(position, FieldRow.BIG_INTEGER, parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> row.setDouble(position, parser.getDoubleValue());
      case VALUE_STRING -> row.setObject(position, FieldRow.STRING, parser.getText());
      case VALUE_TRUE -> row.set(position, FieldRow.TRUE);
      case VALUE_FALSE -> row.set(position, FieldRow.FALSE);
      case VALUE_NULL -> row.set(position, FieldRow.NULL);
      case START_OBJECT -> row.setObject(position, FieldRow.OBJECT, object(parser));
      case START_ARRAY -> row.setObject(position, FieldRow.ARRAY, array(parser));
      default -> throw new IllegalStateException("a value cannot start with " + token);
    };
  }

  /**
   * Reads a bare JSON object, such as one line of a JSON-lines file, into {@code into}: its members
   * in order, each value of the Java type a record's {@code fields} member of the same text gets.
   *
   * @return why the text is not one JSON object, or {@code null} when it was read
   */
  public static Rejection readObject(byte[] json, Map<String, Object> into) {
    if (json.length == 0) {
      return new Rejection(RejectReason.MALFORMED_JSON, "empty value");
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Rejection(
            RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(parser, first));
      }
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        if (into.containsKey(name)) {
          return new Rejection(RejectReason.MALFORMED_JSON, "duplicate key '" + name + "'");
        }
        into.put(name, value(parser, parser.nextToken()));
      }
      if (parser.nextToken() != null) {
        return new Rejection(RejectReason.MALFORMED_JSON, "trailing content after the object");
      }
      return null;
    } catch (IOException e) {
      return JsonTokens.malformed(e);
    }
  }

  private FieldRow rowOf(String dataset) {
    if (dataset != lastDataset) {
      lastRow = rows.computeIfAbsent(dataset, d -> new FieldRow(FieldLayout.NONE));
      lastDataset = dataset;
    }
    return lastRow;
  }

  private static Rejection duplicate(String name) {
    return new Rejection(RejectReason.MALFORMED_JSON, "duplicate field '" + name + "' in fields");
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> parser.getIntValue();
            case LONG -> parser.getLongValue();
            default -> parser.getBigIntegerValue();
          };
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      default -> throw new IllegalStateException("a value cannot start with " + token);
    };
  }

  /** Nested objects keep their order, for dead letters and debugging; duplicates: last wins. */
  private static Map<String, Object> object(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      object.put(name, value(parser, parser.nextToken()));
    }
    return object;
  }

  private static List<Object> array(JsonParser parser) throws IOException {
    List<Object> array = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      array.add(value(parser, t));
    }
    return array;
  }

  /**
   * Reads the plain form of the envelope straight from its bytes, or gives up ({@code null}) at the
   * first thing outside it, leaving the record to Jackson. It accepts a strict subset of JSON:
   *
   * <ul>
   *   <li>whitespace: space, tab, line feed, carriage return;
   *   <li>strings: bytes 0x20 to 0x7f without backslash (ASCII, no escapes), at most {@link
   *       #MAX_PLAIN_STRING} bytes; keys the same;
   *   <li>numbers: JSON's grammar. Integers of at most 18 digits are read exactly, as an int when
   *       in range (Jackson's {@code NumberType.INT}) else a long; longer ones are left to Jackson.
   *       A decimal without exponent whose digits are below 2^53, with at most 22 of them in the
   *       fraction, is digits / 10^fraction: one correctly rounded division (Clinger's fast path);
   *       any other number of at most {@value #MAX_PLAIN_NUMBER} characters goes through {@link
   *       Double#parseDouble}. Both give the correctly rounded double, as Jackson's parser does;
   *   <li>the envelope: an object with {@code dataset} (a known dataset), {@code version} (a string
   *       or an integer, 1 to {@value #MAX_VERSION_LENGTH} characters), {@code event_time} (epoch
   *       millis, or an ISO-8601 string {@link IsoInstant} reads), optionally {@code cohort_key} (a
   *       string, an integer or null), and {@code fields} after {@code dataset}: an object of the
   *       dataset's declared fields, each once, with a string, number, true, false or null.
   * </ul>
   *
   * <p>What it reads into the dataset's row is what {@link #fields} would have; if it gives up
   * after filling part of the row, Jackson's read clears it again.
   */
  private final class PlainEnvelope {
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
    private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
      1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

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

    private static byte[] ascii(String s) {
      return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    ObservedRecord read(byte[] json) {
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
      String dataset = null;
      String version = null;
      long eventTime = 0;
      String cohortKey = null;
      FieldRow fields = null;
      do {
        skipWhitespace();
        if (!string()) {
          return null;
        }
        int key = envelopeKey();
        if (key < 0 || (seen & (1 << key)) != 0) {
          return null;
        }
        seen |= 1 << key;
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
            dataset = datasets.lookup(chars(stringStart, stringEnd), 0, stringEnd - stringStart);
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
            if (length == 0 || length > MAX_VERSION_LENGTH) {
              return null;
            }
            char[] text = chars(start, stop);
            version = versions.lookup(text, 0, length);
            if (version == null) {
              version = new String(text, 0, length);
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
              cohortKey = latin1(stringStart, stringEnd);
            } else if (at('n')) {
              if (!literal("null")) {
                return null;
              }
              cohortKey = null;
            } else {
              if (!number() || !integral) {
                return null;
              }
              cohortKey = latin1(numberStart, pos);
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
      lastFieldCount = fields.keyCount();
      return new ObservedRecord(dataset, version, eventTime, cohortKey, fields);
    }

    private FieldRow fields(String dataset) {
      if (!take('{')) {
        return null;
      }
      FieldRow row = rowOf(dataset);
      FieldLayout layout = row.layout();
      row.clear(lastFieldCount * 4 / 3 + 1);
      skipWhitespace();
      if (take('}')) {
        return row;
      }
      int expected = 0;
      do {
        skipWhitespace();
        if (!string()) {
          return null;
        }
        int position = layout.positionOf(b, stringStart, stringEnd - stringStart, expected);
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
        skipWhitespace();
      } while (take(','));
      return take('}') ? row : null;
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

    private int envelopeKey() {
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

    /** A plain string at pos: its content in [stringStart, stringEnd), pos after its quote. */
    private boolean string() {
      if (pos >= end || b[pos] != '"') {
        return false;
      }
      int start = ++pos;
      int limit = Math.min(end, start + MAX_PLAIN_STRING);
      for (int i = start; i < limit; i++) {
        byte c = b[i];
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
     * {@link #longValue}, or a number with a fraction or exponent in {@link #doubleValue}.
     */
    private boolean number() {
      numberStart = pos;
      boolean negative = pos < end && b[pos] == '-';
      if (negative) {
        pos++;
      }
      int intStart = pos;
      if (pos >= end || !digit(b[pos])) {
        return false;
      }
      long digits = 0;
      if (b[pos] == '0') {
        pos++;
        if (pos < end && digit(b[pos])) {
          return false; // a leading zero
        }
      } else {
        while (pos < end && digit(b[pos])) {
          digits = 10 * digits + (b[pos++] - '0'); // overflows past 18 digits: not used then
        }
      }
      int intDigits = pos - intStart;
      int fractionDigits = 0;
      if (pos < end && b[pos] == '.') {
        int fractionStart = ++pos;
        while (pos < end && digit(b[pos])) {
          digits = 10 * digits + (b[pos++] - '0');
        }
        fractionDigits = pos - fractionStart;
        if (fractionDigits == 0) {
          return false;
        }
      }
      boolean exponent = pos < end && (b[pos] == 'e' || b[pos] == 'E');
      if (exponent) {
        pos++;
        if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
          pos++;
        }
        int exponentStart = pos;
        while (pos < end && digit(b[pos])) {
          pos++;
        }
        if (pos == exponentStart) {
          return false;
        }
      }
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

    private static boolean digit(byte c) {
      return c >= '0' && c <= '9';
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

    private void skipWhitespace() {
      while (pos < end) {
        byte c = b[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
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
}
