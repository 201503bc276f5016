package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The records source's deserializer: what it refuses before the hot path sees a record. */
class RecordDeserializerTest {

  private static final long KAFKA_TIME = 1_795_514_400_000L;

  @Test
  void aRecordAboveTheSizeLimitIsTooLargeAndNotParsed() {
    byte[] huge = new byte[2 * 1024 * 1024];
    Arrays.fill(huge, (byte) '{'); // parsing it would say MALFORMED_JSON

    SourceRecord record = read(huge, KAFKA_TIME);

    assertThat(record.parsed()).isFalse();
    assertThat(record.rejection().reason()).isEqualTo(RejectReason.TOO_LARGE);
    assertThat(record.rejection().detail())
        .isEqualTo(
            "record is 2097152 bytes, more than driftgate.records.max-bytes (1048576); not parsed");
    assertThat(SourceRecordTime.INSTANCE.applyAsLong(record)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aRecordAtTheLimitIsParsed() {
    String envelope = envelope("v1", KAFKA_TIME);
    byte[] padded =
        (envelope.substring(0, envelope.length() - 1) + ",\"pad\":\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[1024 * 1024];
    Arrays.fill(value, (byte) 'p');
    System.arraycopy(padded, 0, value, 0, padded.length);
    value[value.length - 2] = '"';
    value[value.length - 1] = '}';

    assertThat(read(value, KAFKA_TIME).parsed()).isTrue();
  }

  @Test
  void aSeventyThousandByteVersionIsABadVersion() {
    SourceRecord record = read(bytes(envelope("é".repeat(35_000), KAFKA_TIME)), KAFKA_TIME);

    assertThat(record.rejection().reason()).isEqualTo(RejectReason.BAD_VERSION);
  }

  @Test
  void anEventTimeFarAheadOfTheKafkaTimestampIsFutureAndHasNoEventTime() {
    long hour = 3_600_000;
    assertThat(read(bytes(envelope("v1", KAFKA_TIME + hour)), KAFKA_TIME).parsed()).isTrue();

    SourceRecord ahead = read(bytes(envelope("v1", KAFKA_TIME + hour + 1)), KAFKA_TIME);
    assertThat(ahead.rejection().reason()).isEqualTo(RejectReason.FUTURE);
    assertThat(ahead.rejection().detail())
        .isEqualTo(
            "event time 1795518000001 is more than 3600000 ms ahead of the record's Kafka"
                + " timestamp 1795514400000 (driftgate.records.max-future-skew)");
    assertThat(SourceRecordTime.INSTANCE.applyAsLong(ahead)).isEqualTo(Long.MIN_VALUE);

    String endOfTime =
        "{\"dataset\":\"fuzz.events\",\"version\":\"v1\","
            + "\"event_time\":\"9999-12-31T23:59:59Z\",\"fields\":{\"id\":\"a\",\"x\":1.5}}";
    assertThat(read(bytes(endOfTime), KAFKA_TIME).rejection().reason())
        .isEqualTo(RejectReason.FUTURE);
    assertThat(read(bytes(envelope("v1", KAFKA_TIME + 2 * hour)), -1).parsed())
        .as("a record without a Kafka timestamp is not checked")
        .isTrue();
  }

  @Test
  void anEventTimeAtTheEndsOfTheEpochMillisRangeIsABadEventTime() {
    for (long time : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE}) {
      SourceRecord record = read(bytes(envelope("v1", time)), -1);
      assertThat(record.rejection().reason()).as("%d", time).isEqualTo(RejectReason.BAD_EVENT_TIME);
      assertThat(record.rejection().detail())
          .isEqualTo(
              "event time " + time + " is at the end of the epoch-millis range: no window has it");
    }
    assertThat(read(bytes(envelope("v1", -62_135_596_800_000L)), KAFKA_TIME).parsed())
        .as("year 1 is far past, not beyond the range")
        .isTrue();
  }

  static String envelope(String version, long eventTime) {
    return "{\"dataset\":\"fuzz.events\",\"version\":\""
        + version
        + "\",\"event_time\":"
        + eventTime
        + ",\"fields\":{\"id\":\"a\",\"x\":1.5}}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static SourceRecord read(byte[] value, long kafkaTime) {
    return read(value, kafkaTime, RecordLimits.DEFAULTS);
  }

  static SourceRecord read(byte[] value, long kafkaTime, RecordLimits limits) {
    TreeMap<String, FieldLayout> layouts = new TreeMap<>();
    layouts.put("fuzz.events", FieldLayout.NONE);
    layouts.put("it.features", FieldLayout.NONE);
    KafkaEnds.RecordDeserializer deserializer = new KafkaEnds.RecordDeserializer(layouts, limits);
    deserializer.open(null);
    List<SourceRecord> out = new ArrayList<>();
    deserializer.deserialize(consumerRecord(value, kafkaTime), new ListCollector<>(out));
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  static ConsumerRecord<byte[], byte[]> consumerRecord(byte[] value, long kafkaTime) {
    return consumerRecord(value, kafkaTime, 0);
  }

  static ConsumerRecord<byte[], byte[]> consumerRecord(
      byte[] value, long kafkaTime, int partition) {
    return new ConsumerRecord<>(
        "records",
        partition,
        42,
        kafkaTime,
        TimestampType.CREATE_TIME,
        0,
        value.length,
        null,
        value,
        new RecordHeaders(),
        Optional.empty());
  }
}
