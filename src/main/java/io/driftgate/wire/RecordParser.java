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
 * no other — is read by {@link PlainEnvelopeReader} straight from its bytes, without a Jackson
 * parser (whose construction alone was a third of the parse) or any string but string values' (its
 * record makes the cohort key's string only when asked for, from {@code value}, which must
 * therefore not change while the record is in use). Anything else, and every record that would be
 * rejected, is read again from the start by Jackson, so Jackson alone decides what is rejected and
 * why; the plain reader only ever returns a record Jackson returns too, with the same values
 * ({@code RecordParserFastPathFuzzTest} checks this on random and mutated envelopes).
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
  private final PlainEnvelopeReader plain;
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
    this.plain = plainPath ? new PlainEnvelopeReader(datasets, versions, this::rowOf) : null;
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
      ObservedRecord record = plain.read(value, lastFieldCount);
      if (record != null) {
        lastFieldCount = record.row().keyCount();
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
}
