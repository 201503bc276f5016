package io.driftgate.wire;

import static io.driftgate.wire.JsonTokens.describe;
import static io.driftgate.wire.JsonTokens.quoted;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
 * <p>Field values arrive as {@code String}, {@code Integer}, {@code Long}, {@code BigInteger},
 * {@code Double}, {@code Boolean}, {@code null}, {@code Map} or {@code List}. Decimals become
 * {@code Double}, not {@code BigDecimal}: sketches and range checks work in doubles anyway, so
 * exact decimals would cost an allocation per value and change no decision. A decimal beyond double
 * range becomes an infinity, which the contract check reports as not finite.
 *
 * <p>One instance reuses its string pools and map sizing across calls, so it is not thread-safe:
 * give each Flink subtask its own. Jackson cannot re-point a parser at new bytes, so each call gets
 * a cheap parser from a shared factory that recycles its buffers and field-name symbols.
 */
public final class RecordParser {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
  private static final int MAX_POOLED_VERSIONS = 256;

  private final StringPool datasets;
  private final StringPool versions = StringPool.learning(MAX_POOLED_VERSIONS);
  private final Envelope envelope = new Envelope();
  private int lastFieldCount = 16;

  /**
   * @param knownDatasets the datasets the job has contracts for; records of others are rejected as
   *     {@link RejectReason#UNKNOWN_DATASET}
   */
  public RecordParser(Set<String> knownDatasets) {
    this.datasets = StringPool.of(knownDatasets);
  }

  public ParseResult parse(byte[] value) {
    if (value == null || value.length == 0) {
      return new Rejection(RejectReason.MALFORMED_JSON, "empty value");
    }
    try (JsonParser parser = FACTORY.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Rejection(
            RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(parser, first));
      }
      envelope.reset();
      return read(parser, envelope);
    } catch (StreamReadException e) {
      return new Rejection(
          RejectReason.MALFORMED_JSON,
          "not JSON at byte " + e.getLocation().getByteOffset() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Rejection(RejectReason.MALFORMED_JSON, "unreadable: " + e.getMessage());
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
    e.version =
        versions.lookup(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    if (e.version == null) {
      e.version = parser.getText();
    }
  }

  private static void eventTime(JsonParser parser, JsonToken token, Envelope e) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        e.eventTimeProblem = "event_time " + parser.getText() + " is beyond epoch millis range";
      } else {
        e.eventTime = parser.getLongValue();
        e.hasEventTime = true;
      }
      return;
    }
    if (token == JsonToken.VALUE_STRING) {
      long millis =
          IsoInstant.parseMillis(
              parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      if (millis == IsoInstant.INVALID) {
        e.eventTimeProblem =
            "event_time " + quoted(parser.getText()) + " is neither ISO-8601 nor epoch millis";
      } else {
        e.eventTime = millis;
        e.hasEventTime = true;
      }
      return;
    }
    e.eventTimeProblem =
        "event_time must be an ISO-8601 string or epoch millis, got " + describe(parser, token);
    parser.skipChildren();
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
   * Reads the row into {@code e}; the row of an unknown dataset is skipped unread.
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
      e.fields = Map.of();
      return null;
    }
    Map<String, Object> row = new HashMap<>(lastFieldCount * 4 / 3 + 1);
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      int before = row.size();
      row.put(name, value(parser, parser.nextToken()));
      if (row.size() == before) {
        return new Rejection(
            RejectReason.MALFORMED_JSON, "duplicate field '" + name + "' in fields");
      }
    }
    lastFieldCount = row.size();
    e.fields = row;
    return null;
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
