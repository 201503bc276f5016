package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.RejectReason;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The hot-path operator under Flink's harness: windows, checkpoints, dead letters. */
class ProfileOperatorTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final long MINUTE = 60_000;

  @Test
  void openWindowsSurviveACheckpointAndLeaveWhenTheWatermarkPassesTheirEnd() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness()) {
      harness.open();
      for (int i = 0; i < 50; i++) {
        harness.processElement(record("v1", i * 1_000, i), i * 1_000L);
      }
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      for (int i = 50; i < 60; i++) {
        restored.processElement(record("v1", i * 1_000, i), i * 1_000L);
      }
      restored.processElement(record("v1", MINUTE + 5, 99), MINUTE + 5);
      restored.processWatermark(new Watermark(MINUTE - 1));

      List<WindowProfile> out = restored.extractOutputValues();
      assertThat(out)
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.windowStart()).isZero();
                assertThat(w.windowEnd()).isEqualTo(MINUTE);
                assertThat(w.profile()).isEqualTo(expected("v1", 0, 60));
              });
    }
  }

  @Test
  void lateViolatingAndUnknownRecordsAreDeadLetteredWithTheirReason() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processWatermark(new Watermark(MINUTE - 1));
      harness.processElement(record("v1", 10, 1), 10);
      Map<String, Object> bad = fields(2);
      bad.put("seg", "zzz");
      harness.processElement(
          source(new ObservedRecord("it.features", "v1", MINUTE + 1, null, bad)), MINUTE + 1);
      harness.processElement(
          source(new ObservedRecord("no.such", "v1", MINUTE + 2, null, fields(3))), MINUTE + 2);
      harness.processWatermark(new Watermark(2 * MINUTE - 1));

      List<DeadLetter> letters =
          harness.getSideOutput(DriftgatePipeline.DEAD_LETTERS).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertThat(letters)
          .extracting(DeadLetter::reason)
          .containsExactly(
              RejectReason.LATE, RejectReason.CONTRACT_VIOLATION, RejectReason.UNKNOWN_DATASET);
      assertThat(letters.get(1).detail())
          .isEqualTo("seg: NOT_ALLOWED (string 'zzz' is not one of: a, b, c)");
      DatasetProfile window =
          DatasetProfile.fromBytes(harness.extractOutputValues().get(0).profile());
      assertThat(window.records()).as("a violating record is still profiled").isEqualTo(1);
      assertThat(window.violatingRecords()).isEqualTo(1);
    }
  }

  /**
   * Lateness is decided by each partition's own order: a record more than the bound behind the
   * newest time of its partition is late before any watermark comes, one behind another partition
   * is not, and after a restore the same records are late again.
   */
  @Test
  void lateIsDecidedByThePartitionsOwnOrderAndSurvivesARestore() throws Exception {
    long bound = 5_000;
    OperatorSubtaskState snapshot;
    try (var harness = harness(ProfileSettings.DEFAULTS, bound)) {
      harness.open();
      harness.processElement(onPartition(0, "v1", 30_000, 1), 30_000);
      harness.processElement(onPartition(0, "v1", 25_000, 2), 25_000); // exactly the bound
      harness.processElement(onPartition(0, "v1", 24_999, 3), 24_999); // past it
      harness.processElement(onPartition(1, "v1", 10_000, 4), 10_000); // partition 1 is behind
      snapshot = harness.snapshot(1, 1);

      assertThat(letters(harness))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.reason()).isEqualTo(RejectReason.LATE);
                assertThat(l.origin()).isEqualTo("records-0@24999");
                assertThat(l.detail())
                    .isEqualTo(
                        "event time 24999 is more than 5000 ms behind 30000, the newest read"
                            + " before it from its partition");
              });
    }
    try (var restored = harness(ProfileSettings.DEFAULTS, bound)) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(onPartition(0, "v1", 24_000, 5), 24_000);
      restored.processElement(onPartition(1, "v1", 6_000, 6), 6_000);
      restored.processElement(onPartition(1, "v1", 4_999, 7), 4_999);

      assertThat(letters(restored))
          .extracting(DeadLetter::origin)
          .containsExactly("records-0@24000", "records-1@4999");
      restored.processWatermark(new Watermark(MINUTE - 1));
      assertThat(
              DatasetProfile.fromBytes(restored.extractOutputValues().get(0).profile()).records())
          .as("records 1, 2, 4 before the restore and 6 after it")
          .isEqualTo(4);
    }
  }

  /** The watermark is part of the checkpoint: a window closed before it stays closed after it. */
  @Test
  void aWindowClosedBeforeACheckpointStaysClosedAfterTheRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness()) {
      harness.open();
      harness.processElement(onPartition(0, "v1", 1_000, 1), 1_000);
      harness.processWatermark(new Watermark(MINUTE - 1));
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(onPartition(1, "v1", 2_000, 2), 2_000);

      assertThat(letters(restored))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.reason()).isEqualTo(RejectReason.LATE);
                assertThat(l.detail())
                    .endsWith(
                        "its window was evaluated while its partition was idle"
                            + " (driftgate.watermark.idleness)");
              });
    }
  }

  /**
   * The restored watermark is the lowest any subtask had, a subtask that had none yet included: a
   * failover that finds one reader at the end of its partition and the other not started must not
   * close the windows of the partition that has not been read (the chaos run's LATE records). The
   * union state lists the subtask without a watermark first, the order that hid it.
   */
  @Test
  void aSubtaskWithoutAWatermarkKeepsEveryWindowOpenAfterTheRestore() throws Exception {
    OperatorSubtaskState notStarted;
    try (var harness = harness()) {
      harness.open();
      notStarted = harness.snapshot(1, 1);
    }
    OperatorSubtaskState atTheEnd;
    try (var harness = harness()) {
      harness.open();
      harness.processElement(onPartition(0, "v1", 1_000, 1), 1_000);
      harness.processWatermark(new Watermark(MINUTE - 1));
      atTheEnd = harness.snapshot(1, 1);
    }
    try (var restored = harness()) {
      restored.initializeState(
          AbstractStreamOperatorTestHarness.repackageState(notStarted, atTheEnd));
      restored.open();
      restored.processElement(onPartition(1, "v1", 2_000, 2), 2_000);

      assertThat(letters(restored)).isEmpty();
    }
  }

  /**
   * A partial that reaches the merge after its window was emitted (its subtask was idle) is dropped
   * and counted, not evaluated as a second window of the same time.
   */
  @Test
  void theMergerDropsAPartialThatComesAfterItsWindow() throws Exception {
    ProfileMerger merger =
        new ProfileMerger(new ContractCatalog(List.of(CONTRACT)), ProfileSettings.DEFAULTS);
    try (var harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            merger, WindowProfile::versionKey, Types.STRING)) {
      harness.processElement(
          new WindowProfile("it.features", "v1", 0, MINUTE, expected("v1", 0, 50)), MINUTE - 1);
      harness.processWatermark(new Watermark(MINUTE - 1));
      harness.processElement(
          new WindowProfile("it.features", "v1", 0, MINUTE, expected("v1", 50, 60)), MINUTE - 1);
      harness.processWatermark(new Watermark(2 * MINUTE));

      assertThat(harness.extractOutputValues())
          .singleElement()
          .satisfies(
              input ->
                  assertThat(((GateInput.Window) input).profile().profile())
                      .isEqualTo(expected("v1", 0, 50)));
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  /**
   * Restored under other profile settings (an upgrade from a savepoint): the open window's profile
   * of the old shape cannot take new records, so it is dropped (and counted) instead of failing the
   * restore and every restore after it; the window then holds the records seen since.
   */
  @Test
  void aWindowSavedUnderOtherSettingsIsDroppedAtTheRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness()) {
      harness.open();
      for (int i = 0; i < 50; i++) {
        harness.processElement(record("v1", i * 1_000, i), i * 1_000L);
      }
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored = harness(OTHER_SETTINGS)) {
      restored.initializeState(snapshot);
      restored.open();
      for (int i = 50; i < 60; i++) {
        restored.processElement(record("v1", i * 1_000, i), i * 1_000L);
      }
      restored.processWatermark(new Watermark(MINUTE - 1));

      assertThat(restored.extractOutputValues())
          .singleElement()
          .satisfies(
              w -> assertThat(w.profile()).isEqualTo(expected("v1", 50, 60, OTHER_SETTINGS)));
    }
  }

  /** The merge step, restored with a partial of the old shape, merges on with the new one. */
  @Test
  void theMergerDropsAPartialSavedUnderOtherSettings() throws Exception {
    ProfileMerger merger =
        new ProfileMerger(new ContractCatalog(List.of(CONTRACT)), OTHER_SETTINGS);
    try (var harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            merger, WindowProfile::versionKey, Types.STRING)) {
      harness.processElement(
          new WindowProfile("it.features", "v1", 0, MINUTE, expected("v1", 0, 50)), MINUTE - 1);
      harness.processElement(
          new WindowProfile("it.features", "v1", 0, MINUTE, expected("v1", 50, 60, OTHER_SETTINGS)),
          MINUTE - 1);
      harness.processWatermark(new Watermark(MINUTE - 1));

      assertThat(harness.extractOutputValues())
          .singleElement()
          .satisfies(
              input ->
                  assertThat(((GateInput.Window) input).profile().profile())
                      .isEqualTo(expected("v1", 50, 60, OTHER_SETTINGS)));
    }
  }

  /**
   * A record dated far ahead is refused by the source as FUTURE, so it moves neither the lateness
   * clock nor the watermark: the records after it are accepted, not LATE. A time at the end of the
   * range from a source that does not check it is a bad event time, not an overflow.
   */
  @Test
  void aFarFutureRecordLeavesTheRecordsAfterItOnTime() throws Exception {
    long kafkaTime = 10 * MINUTE;
    try (var harness = harness(ProfileSettings.DEFAULTS, 5_000)) {
      harness.open();
      String future =
          "{\"dataset\":\"it.features\",\"version\":\"v1\","
              + "\"event_time\":\"9999-12-31T00:00:00Z\",\"fields\":{}}";
      SourceRecord farAhead =
          RecordDeserializerTest.read(
              future.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              kafkaTime,
              RecordLimits.DEFAULTS);
      harness.processElement(farAhead, kafkaTime);
      harness.processElement(onPartition(0, "v1", Long.MIN_VALUE + 1, 1), kafkaTime);
      harness.processElement(onPartition(0, "v1", kafkaTime, 2), kafkaTime);
      harness.processElement(onPartition(0, "v1", kafkaTime + 1, 3), kafkaTime + 1);
      harness.processWatermark(new Watermark(11 * MINUTE - 1));

      assertThat(letters(harness))
          .extracting(DeadLetter::reason)
          .containsExactly(RejectReason.FUTURE, RejectReason.BAD_EVENT_TIME);
      assertThat(DatasetProfile.fromBytes(harness.extractOutputValues().get(0).profile()).records())
          .isEqualTo(2);
    }
  }

  private static final ProfileSettings OTHER_SETTINGS = new ProfileSettings(1280, 128, 256, 12);

  private static OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness()
      throws Exception {
    return harness(ProfileSettings.DEFAULTS);
  }

  private static OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness(
      ProfileSettings settings) throws Exception {
    return harness(settings, 0);
  }

  private static OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness(
      ProfileSettings settings, long outOfOrdernessMillis) throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new ProfileOperator(
            new ContractCatalog(List.of(CONTRACT)),
            settings,
            MINUTE,
            outOfOrdernessMillis,
            DriftgateOptions.RECORDS_MAX_VERSIONS_PER_DATASET.defaultValue(),
            DriftgatePipeline.DEAD_LETTERS));
  }

  private static List<DeadLetter> letters(
      OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness) {
    var letters = harness.getSideOutput(DriftgatePipeline.DEAD_LETTERS);
    return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
  }

  /** A record read from partition {@code partition} of topic {@code records}, at offset = time. */
  private static SourceRecord onPartition(int partition, String version, long eventTime, int i) {
    return new SourceRecord(
        new ObservedRecord("it.features", version, eventTime, null, fields(i)),
        null,
        new byte[0],
        "records",
        partition,
        eventTime,
        eventTime + 500);
  }

  private static byte[] expected(String version, int from, int until) {
    return expected(version, from, until, ProfileSettings.DEFAULTS);
  }

  private static byte[] expected(String version, int from, int until, ProfileSettings settings) {
    DatasetProfile profile = DatasetProfile.forContract(CONTRACT, version, settings);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    for (int i = from; i < until; i++) {
      profiler.observe(profile, fields(i), i * 1_000L, i * 1_000L + 500);
    }
    return profile.toBytes();
  }

  private static SourceRecord record(String version, long eventTime, int i) {
    return source(new ObservedRecord("it.features", version, eventTime, null, fields(i)));
  }

  private static SourceRecord source(ObservedRecord record) {
    return new SourceRecord(
        record,
        null,
        new byte[0],
        "test@" + record.eventTimeMillis(),
        record.eventTimeMillis() + 500);
  }

  private static Map<String, Object> fields(int i) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", "id-" + i);
    fields.put("x", Math.sin(i));
    fields.put("seg", i % 3 == 0 ? "a" : "b");
    fields.put("y", i % 10 == 0 ? null : (double) i);
    return fields;
  }
}
