package io.driftgate.outcome;

import static io.driftgate.wire.JsonTokens.describe;
import static io.driftgate.wire.JsonTokens.quoted;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.wire.EventTimeJson;
import io.driftgate.wire.EventTimes;
import io.driftgate.wire.IsoInstant;
import io.driftgate.wire.JsonTokens;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;

/**
 * Turns the JSON outcome record into an {@link Outcome}, or says why it cannot, by the standards of
 * the record envelope's {@link io.driftgate.wire.RecordParser}:
 *
 * <pre>{@code
 * {"dataset":"features.customer_profile","metric":"checkout.converted",
 *  "cohort_key":"consumer-17","value":true,
 *  "event_time":"2026-11-24T10:00:00Z" or 1795514400000,"version":"v42"}
 * }</pre>
 *
 * <p>A value larger than {@code maxBytes} is refused unread ({@link RejectReason#TOO_LARGE}); a
 * duplicate key anywhere, trailing content or anything but a JSON object is malformed; unknown keys
 * are skipped so producers can add metadata. Event times follow the records' rules ({@link
 * EventTimes}), so one outcome dated 9999-12-31 cannot move a watermark to the end of time. Every
 * value gives an {@link Outcome} or a {@link OutcomeResult.Rejected}, never nothing.
 *
 * <p>Stateless, so one instance serves every thread.
 */
public final class OutcomeParser implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final Set<String> knownDatasets;
  private final int maxBytes;
  private final long maxFutureSkewMillis;

  /**
   * @param knownDatasets the datasets the job has contracts for; outcomes of others are {@link
   *     RejectReason#UNKNOWN_DATASET}
   * @param maxBytes the largest value parsed ({@code driftgate.records.max-bytes})
   * @param maxFutureSkewMillis how far an event time may be ahead of its Kafka timestamp ({@code
   *     driftgate.records.max-future-skew})
   */
  public OutcomeParser(Set<String> knownDatasets, int maxBytes, long maxFutureSkewMillis) {
    if (maxBytes <= 0 || maxFutureSkewMillis < 0) {
      throw new IllegalArgumentException(
          "max bytes must be positive and max future skew not negative: "
              + maxBytes
              + ", "
              + maxFutureSkewMillis);
    }
    this.knownDatasets = Set.copyOf(knownDatasets);
    this.maxBytes = maxBytes;
    this.maxFutureSkewMillis = maxFutureSkewMillis;
  }

  /**
   * @param observedAtMillis the value's Kafka timestamp, negative when it has none (then the event
   *     time is not compared with it)
   */
  public OutcomeResult parse(byte[] value, long observedAtMillis) {
    if (value == null || value.length == 0) {
      return rejected(RejectReason.MALFORMED_JSON, "empty value");
    }
    if (value.length > maxBytes) {
      return rejected(
          RejectReason.TOO_LARGE,
          "outcome is "
              + value.length
              + " bytes, more than driftgate.records.max-bytes ("
              + maxBytes
              + "); not parsed");
    }
    OutcomeMembers members = new OutcomeMembers();
    try (JsonParser parser = FACTORY.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return rejected(
            RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(parser, first));
      }
      for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
        read(key, parser, parser.nextToken(), members);
      }
      if (parser.nextToken() != null) {
        return rejected(RejectReason.MALFORMED_JSON, "trailing content after the outcome object");
      }
    } catch (IOException e) {
      return new OutcomeResult.Rejected(JsonTokens.malformed(e));
    }
    Rejection problem = members.problem();
    if (problem == null) {
      problem =
          EventTimes.problem(
              members.eventTime,
              observedAtMillis,
              maxFutureSkewMillis,
              "outcome's Kafka timestamp");
    }
    return problem != null ? new OutcomeResult.Rejected(problem) : members.outcome();
  }

  private void read(String key, JsonParser parser, JsonToken token, OutcomeMembers m)
      throws IOException {
    switch (key) {
      case "dataset" -> dataset(parser, token, m);
      case "metric" -> metric(parser, token, m);
      case "cohort_key" -> cohortKey(parser, token, m);
      case "value" -> value(parser, token, m);
      case "event_time" -> eventTime(parser, token, m);
      case "version" -> version(parser, token, m);
      default -> parser.skipChildren();
    }
  }

  private void dataset(JsonParser parser, JsonToken token, OutcomeMembers m) throws IOException {
    if (token != JsonToken.VALUE_STRING || parser.getTextLength() == 0) {
      m.datasetProblem =
          new Rejection(
              RejectReason.MISSING_DATASET,
              "dataset must be a non-empty string, got " + describe(parser, token));
      parser.skipChildren();
    } else if (!knownDatasets.contains(parser.getText())) {
      m.datasetProblem =
          new Rejection(
              RejectReason.UNKNOWN_DATASET,
              "dataset " + quoted(parser.getText()) + " has no contract in this job");
    } else {
      m.dataset = parser.getText();
    }
  }

  private static void metric(JsonParser parser, JsonToken token, OutcomeMembers m)
      throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      m.metricProblem = "metric must be a non-empty string, got " + describe(parser, token);
      parser.skipChildren();
      return;
    }
    m.metric = parser.getText();
    m.metricProblem = OutcomeGate.metricProblem(m.metric);
  }

  private static void cohortKey(JsonParser parser, JsonToken token, OutcomeMembers m)
      throws IOException {
    boolean text = token == JsonToken.VALUE_STRING && !parser.getText().isBlank();
    if (text || token == JsonToken.VALUE_NUMBER_INT) {
      m.cohortKey = parser.getText();
    } else {
      m.cohortKeyProblem =
          "cohort_key must be a non-blank string or an integer, got " + describe(parser, token);
      parser.skipChildren();
    }
  }

  private static void value(JsonParser parser, JsonToken token, OutcomeMembers m)
      throws IOException {
    switch (token) {
      case VALUE_TRUE, VALUE_FALSE -> {
        m.value = token == JsonToken.VALUE_TRUE ? 1.0 : 0.0;
        m.rate = true;
        m.hasValue = true;
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        m.value = parser.getDoubleValue();
        m.hasValue = Double.isFinite(m.value);
        if (!m.hasValue) {
          m.valueProblem = "value " + parser.getText() + " is beyond double range";
        }
      }
      default -> {
        m.valueProblem =
            "value must be a finite number or a boolean, got " + describe(parser, token);
        parser.skipChildren();
      }
    }
  }

  private static void eventTime(JsonParser parser, JsonToken token, OutcomeMembers m)
      throws IOException {
    long millis = EventTimeJson.read(parser, token);
    if (millis == IsoInstant.INVALID) {
      m.eventTimeProblem = EventTimeJson.problem(parser, token);
    } else {
      m.eventTime = millis;
      m.hasEventTime = true;
    }
  }

  private static void version(JsonParser parser, JsonToken token, OutcomeMembers m)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
      m.versionProblem =
          "version must be null, a non-empty string or an integer, got " + describe(parser, token);
      parser.skipChildren();
      return;
    }
    m.version = parser.getText();
    m.versionProblem = Outcome.versionProblem(m.version);
  }

  private static OutcomeResult rejected(RejectReason reason, String detail) {
    return new OutcomeResult.Rejected(new Rejection(reason, detail));
  }
}
