package io.driftgate.job;

import io.driftgate.profile.ProfileSettings;
import io.driftgate.wire.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka path's record deserializer and the profiling operator, for tests outside this package
 * that compare another source with them.
 */
public final class KafkaPath {

  private KafkaPath() {}

  /** What the profiling operator made of some records once the watermark passed them all. */
  public record Profiled(List<WindowProfile> windows, List<DeadLetter> deadLetters) {}

  /** {@code values} as the job's Kafka source deserializes them from {@code topic-0@offset}. */
  public static List<SourceRecord> deserialize(
      ContractCatalog catalog, String topic, List<byte[]> values, long kafkaTime) {
    KafkaEnds.RecordDeserializer deserializer =
        new KafkaEnds.RecordDeserializer(
            new TreeMap<>(catalog.fieldLayouts()), RecordLimits.DEFAULTS);
    deserializer.open(null);
    List<SourceRecord> out = new ArrayList<>();
    for (int offset = 0; offset < values.size(); offset++) {
      List<SourceRecord> one = new ArrayList<>();
      deserializer.deserialize(
          new ConsumerRecord<>(
              topic,
              0,
              offset,
              kafkaTime,
              org.apache.kafka.common.record.TimestampType.CREATE_TIME,
              0,
              values.get(offset).length,
              new byte[0],
              values.get(offset),
              new org.apache.kafka.common.header.internals.RecordHeaders(),
              java.util.Optional.empty()),
          new ListCollector<>(one));
      // the row is the deserializer's own and is refilled by the next record
      out.add(detached(one.get(0)));
    }
    return out;
  }

  /** {@code record} with a row no later parse overwrites. */
  public static SourceRecord detached(SourceRecord record) {
    return record.parsed()
        ? new SourceRecord(
            record.record().detached(),
            null,
            record.original(),
            record.originSource(),
            record.originPartition(),
            record.originOffset(),
            record.observedAtMillis())
        : record;
  }

  /**
   * {@code records}, in order, through the job's profiling operator with default settings, then a
   * final watermark: every window and every dead letter.
   */
  public static Profiled profile(
      ContractCatalog catalog, List<SourceRecord> records, long windowMillis, long boundMillis)
      throws Exception {
    try (var harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProfileOperator(
                catalog,
                ProfileSettings.DEFAULTS,
                windowMillis,
                boundMillis,
                DriftgateOptions.RECORDS_MAX_VERSIONS_PER_DATASET.defaultValue(),
                DriftgatePipeline.DEAD_LETTERS))) {
      harness.open();
      for (SourceRecord record : records) {
        long time = record.parsed() ? record.record().eventTimeMillis() : record.observedAtMillis();
        harness.processElement(record, time);
      }
      harness.processWatermark(new Watermark(Long.MAX_VALUE));
      var letters = harness.getSideOutput(DriftgatePipeline.DEAD_LETTERS);
      return new Profiled(
          List.copyOf(harness.extractOutputValues()),
          letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList());
    }
  }
}
