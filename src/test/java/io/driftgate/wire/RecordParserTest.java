package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordParserTest {

  private static final String DATASET = "features.customer_profile";
  private static final long NOON = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

  private final RecordParser parser = new RecordParser(Set.of(DATASET, "other.dataset"));

  @Test
  void readsTheEnvelopeAndTypedFields() {
    ObservedRecord record =
        accepted(
            """
            {"dataset":"features.customer_profile","version":"v2",
             "event_time":"2026-11-24T10:00:00Z","cohort_key":"c-42",
             "fields":{"name":"Ada","age":36,"id":9000000000,
                       "huge":123456789012345678901234567890,"score":0.25,"whole":3.0,
                       "active":true,"nickname":null,
                       "address":{"city":"Wellington","zip":6011},"tags":["a",1,false]}}
            """);

    assertThat(record.dataset()).isEqualTo(DATASET);
    assertThat(record.version()).isEqualTo("v2");
    assertThat(record.eventTimeMillis()).isEqualTo(NOON);
    assertThat(record.cohortKey()).isEqualTo("c-42");
    Map<String, Object> fields = record.fields();
    assertThat(fields.get("name")).isEqualTo("Ada");
    assertThat(fields.get("age")).isEqualTo(36);
    assertThat(fields.get("id")).isEqualTo(9_000_000_000L);
    assertThat(fields.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(fields.get("score")).isEqualTo(0.25);
    assertThat(fields.get("whole")).isEqualTo(3.0);
    assertThat(fields.get("active")).isEqualTo(true);
    assertThat(fields).containsEntry("nickname", null);
    assertThat(fields.get("address")).isEqualTo(Map.of("city", "Wellington", "zip", 6011));
    assertThat(fields.get("tags")).isEqualTo(List.of("a", 1, false));
  }

  @Test
  void acceptsEpochMillisAnOffsetAndNoCohortKey() {
    ObservedRecord millis =
        accepted(
            "{\"fields\":{},\"event_time\":"
                + NOON
                + ",\"version\":7,\"dataset\":\""
                + DATASET
                + "\"}");
    ObservedRecord offset =
        accepted(
            "{\"dataset\":\""
                + DATASET
                + "\",\"version\":\"v2\",\"cohort_key\":null,"
                + "\"event_time\":\"2026-11-24T11:00:00.123+01:00\",\"fields\":{}}");

    assertThat(millis.eventTimeMillis()).isEqualTo(NOON);
    assertThat(millis.version()).isEqualTo("7");
    assertThat(millis.cohortKey()).isNull();
    assertThat(offset.eventTimeMillis()).isEqualTo(NOON + 123);
    assertThat(offset.cohortKey()).isNull();
  }

  @Test
  void skipsUnknownEnvelopeKeysAndReusesPooledStrings() {
    String json =
        "{\"producer\":{\"host\":\"a\"},\"dataset\":\""
            + DATASET
            + "\",\"version\":\"v2\","
            + "\"event_time\":1,\"fields\":{\"x\":1},\"trace\":[1,2]}";

    ObservedRecord first = accepted(json);
    ObservedRecord second = accepted(json);

    assertThat(second.dataset()).isSameAs(first.dataset());
    assertThat(second.version()).isSameAs(first.version());
    assertThat(second.fields()).isEqualTo(Map.of("x", 1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json | {\"dataset\": | MALFORMED_JSON | not JSON at byte",
        "garbage | hello | MALFORMED_JSON | not JSON at byte",
        "trailing | {\"dataset\":\"other.dataset\"} {} | MALFORMED_JSON | trailing content",
        "duplicate key | {\"dataset\":\"other.dataset\",\"dataset\":\"x\"} | MALFORMED_JSON"
            + " | duplicate key 'dataset'",
        "array | [1,2] | NOT_AN_OBJECT | expected a JSON object, got an array",
        "string | \"x\" | NOT_AN_OBJECT | expected a JSON object, got string \"x\"",
        "no dataset | {\"version\":\"v1\",\"event_time\":1,\"fields\":{}} | MISSING_DATASET"
            + " | record has no dataset",
        "numeric dataset | {\"dataset\":3,\"version\":\"v1\",\"event_time\":1,\"fields\":{}}"
            + " | MISSING_DATASET | dataset must be a non-empty string, got number 3",
        "empty dataset | {\"dataset\":\"\",\"version\":\"v1\",\"event_time\":1,\"fields\":{}}"
            + " | MISSING_DATASET | dataset must be a non-empty string, got string \"\"",
        "unknown dataset | {\"dataset\":\"sales\",\"version\":\"v1\",\"event_time\":1,"
            + "\"fields\":{\"a\":[1]}} | UNKNOWN_DATASET | dataset \"sales\" has no contract",
        "no version | {\"dataset\":\"other.dataset\",\"event_time\":1,\"fields\":{}}"
            + " | MISSING_VERSION | record has no version",
        "object version | {\"dataset\":\"other.dataset\",\"version\":{},\"event_time\":1,"
            + "\"fields\":{}} | MISSING_VERSION | version must be a non-empty string or an integer,"
            + " got an object",
        "no event time | {\"dataset\":\"other.dataset\",\"version\":\"v1\",\"fields\":{}}"
            + " | BAD_EVENT_TIME | record has no event_time",
        "word event time | {\"dataset\":\"other.dataset\",\"version\":\"v1\","
            + "\"event_time\":\"yesterday\",\"fields\":{}} | BAD_EVENT_TIME"
            + " | event_time \"yesterday\" is neither ISO-8601 nor epoch millis",
        "no offset | {\"dataset\":\"other.dataset\",\"version\":\"v1\","
            + "\"event_time\":\"2026-11-24T10:00:00\",\"fields\":{}} | BAD_EVENT_TIME"
            + " | event_time \"2026-11-24T10:00:00\" is neither ISO-8601 nor epoch millis",
        "fractional event time | {\"dataset\":\"other.dataset\",\"version\":\"v1\","
            + "\"event_time\":1.5,\"fields\":{}} | BAD_EVENT_TIME"
            + " | event_time must be an ISO-8601 string or epoch millis, got number 1.5",
        "huge event time | {\"dataset\":\"other.dataset\",\"version\":\"v1\","
            + "\"event_time\":99999999999999999999,\"fields\":{}} | BAD_EVENT_TIME"
            + " | event_time 99999999999999999999 is beyond epoch millis range",
        "no fields | {\"dataset\":\"other.dataset\",\"version\":\"v1\",\"event_time\":1}"
            + " | MISSING_FIELDS | record has no fields",
        "array fields | {\"dataset\":\"other.dataset\",\"version\":\"v1\",\"event_time\":1,"
            + "\"fields\":[1]} | MISSING_FIELDS | fields must be an object, got an array",
        "null fields | {\"dataset\":\"other.dataset\",\"version\":\"v1\",\"event_time\":1,"
            + "\"fields\":null} | MISSING_FIELDS | fields must be an object, got null",
        "duplicate field | {\"dataset\":\"other.dataset\",\"version\":\"v1\",\"event_time\":1,"
            + "\"fields\":{\"a\":1,\"a\":null}} | MALFORMED_JSON | duplicate field 'a' in fields",
        "bad cohort key | {\"dataset\":\"other.dataset\",\"version\":\"v1\",\"event_time\":1,"
            + "\"fields\":{},\"cohort_key\":true} | MALFORMED_JSON"
            + " | cohort_key must be a string or an integer, got boolean true",
      })
  void rejectsWithReasonAndDetail(String name, String json, RejectReason reason, String detail) {
    Rejection rejection = rejected(json);

    assertThat(rejection.reason()).isEqualTo(reason);
    assertThat(rejection.detail()).startsWith(detail);
  }

  /** The database's version columns are VARCHAR(255): a longer version is refused at the parse. */
  @Test
  void aVersionLongerThanTheDatabaseColumnsIsABadVersion() {
    String fits = "v".repeat(255);
    String envelope =
        "{\"dataset\":\"other.dataset\",\"version\":\"%s\",\"event_time\":1,\"fields\":{}}";
    ParseResult accepted = parser.parse(envelope.formatted(fits).getBytes(StandardCharsets.UTF_8));
    assertThat(accepted).isInstanceOf(ObservedRecord.class);
    assertThat(((ObservedRecord) accepted).version()).isEqualTo(fits);

    assertThat(rejected(envelope.formatted("v".repeat(256))))
        .isEqualTo(
            new Rejection(
                RejectReason.BAD_VERSION,
                "version is 256 characters long, more than the 255 the database's version"
                    + " columns hold"));
    assertThat(rejected(envelope.formatted("é".repeat(35_000))).reason())
        .as("a 70,000-byte version")
        .isEqualTo(RejectReason.BAD_VERSION);
    assertThat(parser.parse(envelope.formatted("v2").getBytes(StandardCharsets.UTF_8)))
        .as("no state is left for the next record")
        .isInstanceOf(ObservedRecord.class);
  }

  @Test
  void rejectsEmptyAndNullValues() {
    assertThat(parser.parse(new byte[0])).isEqualTo(rejection("empty value"));
    assertThat(parser.parse(null)).isEqualTo(rejection("empty value"));
  }

  @Test
  void aRejectionLeavesNoStateForTheNextRecord() {
    rejected(
        "{\"dataset\":\"other.dataset\",\"version\":\"v9\",\"event_time\":\"x\",\"fields\":{}}");

    ObservedRecord next =
        accepted(
            "{\"dataset\":\"other.dataset\",\"version\":\"v1\",\"event_time\":5,\"fields\":{}}");

    assertThat(next.version()).isEqualTo("v1");
    assertThat(next.eventTimeMillis()).isEqualTo(5);
    assertThat(next.cohortKey()).isNull();
  }

  private static Rejection rejection(String detail) {
    return new Rejection(RejectReason.MALFORMED_JSON, detail);
  }

  private ObservedRecord accepted(String json) {
    ParseResult result = parser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(ObservedRecord.class);
    return (ObservedRecord) result;
  }

  private Rejection rejected(String json) {
    ParseResult result = parser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(Rejection.class);
    return (Rejection) result;
  }
}
