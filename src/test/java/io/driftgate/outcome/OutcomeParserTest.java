package io.driftgate.outcome;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.OutcomeGate;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeParserTest {

  private static final String DATASET = "features.customer_profile";
  private static final long NOON = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  private final OutcomeParser parser = new OutcomeParser(Set.of(DATASET), 1_024, HOUR);

  @Test
  void readsAQuantityAndARate() {
    Outcome quantity =
        accepted(
            """
            {"dataset":"features.customer_profile","metric":"latency_ms","cohort_key":"c-42",
             "value":12.5,"event_time":"2026-11-24T10:00:00Z","version":"v2"}
            """);
    Outcome rate =
        accepted(
            "{\"producer\":{\"host\":\"a\"},\"version\":null,\"value\":false,\"cohort_key\":42,"
                + "\"event_time\":"
                + NOON
                + ",\"metric\":\"checkout.converted\",\"dataset\":\""
                + DATASET
                + "\"}");

    assertThat(quantity)
        .isEqualTo(new Outcome(DATASET, "latency_ms", "c-42", 12.5, false, NOON, "v2"));
    assertThat(rate)
        .isEqualTo(new Outcome(DATASET, "checkout.converted", "42", 0.0, true, NOON, null));
  }

  @Test
  void readsIntegersAsDoublesAndOffsetsAndIntegerVersions() {
    Outcome outcome =
        accepted(
            "{\"dataset\":\""
                + DATASET
                + "\",\"metric\":\"orders\",\"cohort_key\":\"k\",\"value\":3,"
                + "\"event_time\":\"2026-11-24T11:00:00.123+01:00\",\"version\":7}");

    assertThat(outcome.value()).isEqualTo(3.0);
    assertThat(outcome.rate()).isFalse();
    assertThat(outcome.eventTimeMillis()).isEqualTo(NOON + 123);
    assertThat(outcome.version()).isEqualTo("7");
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|MALFORMED_JSON",
        "{\"dataset\":1}x|MALFORMED_JSON",
        "[1]|NOT_AN_OBJECT",
        "{} {}|MALFORMED_JSON",
        "{\"dataset\":\"features.customer_profile\",\"dataset\":\"x\"}|MALFORMED_JSON",
        "{\"a\":{\"b\":1,\"b\":2}}|MALFORMED_JSON",
        "{\"metric\":\"m\",\"cohort_key\":\"k\",\"value\":1,\"event_time\":0}|MISSING_DATASET",
        "{\"dataset\":\"\",\"metric\":\"m\"}|MISSING_DATASET",
        "{\"dataset\":\"other\",\"metric\":\"m\"}|UNKNOWN_DATASET",
        "{\"dataset\":\"features.customer_profile\",\"cohort_key\":\"k\"}|MISSING_METRIC",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"1st\"}|MISSING_METRIC",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"a:b\"}|MISSING_METRIC",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"ü\"}|MISSING_METRIC",
        "{\"dataset\":\"features.customer_profile\",\"metric\":7}|MISSING_METRIC",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"value\":1}|MISSING_COHORT_KEY",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\" \"}"
            + "|MISSING_COHORT_KEY",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":null}"
            + "|MISSING_COHORT_KEY",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":1.5}"
            + "|MISSING_COHORT_KEY",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"event_time\":0}|BAD_OUTCOME_VALUE",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":null,\"event_time\":0}|BAD_OUTCOME_VALUE",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":\"NaN\",\"event_time\":0}|BAD_OUTCOME_VALUE",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":NaN,\"event_time\":0}|MALFORMED_JSON",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1e400,\"event_time\":0}|BAD_OUTCOME_VALUE",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":[1],\"event_time\":0}|BAD_OUTCOME_VALUE",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1}|BAD_EVENT_TIME",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1,\"event_time\":\"yesterday\"}|BAD_EVENT_TIME",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1,\"event_time\":99999999999999999999}|BAD_EVENT_TIME",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1,\"event_time\":9223372036854775807}|BAD_EVENT_TIME",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1,\"event_time\":0,\"version\":\"\"}|BAD_VERSION",
        "{\"dataset\":\"features.customer_profile\",\"metric\":\"m\",\"cohort_key\":\"k\","
            + "\"value\":1,\"event_time\":0,\"version\":true}|BAD_VERSION",
      })
  void refusesWithTheMostTellingReason(String json, RejectReason reason) {
    assertThat(rejected(json).reason()).isEqualTo(reason);
  }

  @Test
  void refusesAMetricOrVersionTooLong() {
    String longMetric = "m".repeat(OutcomeGate.MAX_METRIC_LENGTH + 1);
    String longVersion = "v".repeat(256);

    assertThat(rejected(json(longMetric, "\"v1\"")).detail()).contains("129 characters");
    assertThat(rejected(json("m".repeat(OutcomeGate.MAX_METRIC_LENGTH), "\"v1\""))).isNull();
    assertThat(rejected(json("m", "\"" + longVersion + "\"")).reason())
        .isEqualTo(RejectReason.BAD_VERSION);
  }

  @Test
  void refusesALargeValueUnreadAndAFutureEventTime() {
    byte[] large = ("{\"pad\":\"" + "x".repeat(1_100) + "\"}").getBytes(UTF_8);
    byte[] future = json("m", "null").getBytes(UTF_8);

    Rejection tooLarge = rejection(parser.parse(large, -1));
    Rejection ahead = rejection(parser.parse(future, NOON - HOUR - 1));

    assertThat(tooLarge.reason()).isEqualTo(RejectReason.TOO_LARGE);
    assertThat(ahead.reason()).isEqualTo(RejectReason.FUTURE);
    assertThat(ahead.detail()).contains("outcome's Kafka timestamp");
    assertThat(parser.parse(future, NOON - HOUR)).isInstanceOf(Outcome.class);
    assertThat(parser.parse(future, -1)).isInstanceOf(Outcome.class);
  }

  private static String json(String metric, String version) {
    return "{\"dataset\":\""
        + DATASET
        + "\",\"metric\":\""
        + metric
        + "\",\"cohort_key\":\"k\",\"value\":1,\"event_time\":"
        + NOON
        + ",\"version\":"
        + version
        + "}";
  }

  private Outcome accepted(String json) {
    OutcomeResult result = parser.parse(json.getBytes(UTF_8), NOON);
    assertThat(result).isInstanceOf(Outcome.class);
    return (Outcome) result;
  }

  /** The rejection of {@code json}, or {@code null} when it is accepted. */
  private Rejection rejected(String json) {
    OutcomeResult result = parser.parse(json.getBytes(UTF_8), -1);
    return result instanceof OutcomeResult.Rejected rejected ? rejected.rejection() : null;
  }

  private static Rejection rejection(OutcomeResult result) {
    assertThat(result).isInstanceOf(OutcomeResult.Rejected.class);
    return ((OutcomeResult.Rejected) result).rejection();
  }
}
