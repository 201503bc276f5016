package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.RejectReason;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Producers choose versions: each window of a dataset profiles at most {@code
 * driftgate.records.max-versions-per-dataset} of them per subtask, and neither state nor metric
 * groups grow with the versions made up beyond that.
 */
class VersionLimitTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final String DATASET = "it.features";
  private static final long MINUTE = 60_000;
  private static final int LIMIT = 8;

  @Test
  void aFloodOfVersionsInOneWindowProfilesOnlyTheFirstOnes() throws Exception {
    int flood = 10_000;
    try (var harness = harness(new ProfileOperator[1])) {
      harness.open();
      for (int i = 0; i < flood; i++) {
        harness.processElement(record("made-up-" + i, i, i), i);
      }
      harness.processWatermark(new Watermark(MINUTE - 1));

      List<DeadLetter> letters = letters(harness);
      List<WindowProfile> windows = harness.extractOutputValues();
      assertThat(windows)
          .extracting(WindowProfile::version)
          .containsExactlyInAnyOrder(
              "made-up-0",
              "made-up-1",
              "made-up-2",
              "made-up-3",
              "made-up-4",
              "made-up-5",
              "made-up-6",
              "made-up-7");
      assertThat(letters)
          .hasSize(flood - LIMIT)
          .allSatisfy(l -> assertThat(l.reason()).isEqualTo(RejectReason.TOO_MANY_VERSIONS));
      assertThat(letters.get(0).detail())
          .isEqualTo(
              "dataset it.features already has 8 versions in the window starting at"
                  + " 1970-01-01T00:00:00Z (driftgate.records.max-versions-per-dataset = 8):"
                  + " made-up-0, made-up-1, made-up-2, made-up-3, made-up-4, made-up-5,"
                  + " made-up-6, made-up-7");
      assertThat(profiled(windows) + letters.size())
          .as("in = accepted + rejected")
          .isEqualTo(flood);
    }
  }

  @Test
  void anAdmittedVersionTakesMoreRecordsAndTheAdmittedSetSurvivesARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness(new ProfileOperator[1])) {
      harness.open();
      for (int i = 0; i < LIMIT; i++) {
        harness.processElement(record("v" + i, i * 1_000, i), i * 1_000L);
      }
      harness.processElement(record("v-extra", 9_000, 9), 9_000);
      snapshot = harness.snapshot(1, 1);
      assertThat(letters(harness)).extracting(DeadLetter::reason).containsExactly(tooMany());
    }
    try (var restored = harness(new ProfileOperator[1])) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(record("v-other", 10_000, 10), 10_000);
      restored.processElement(record("v3", 11_000, 11), 11_000);
      restored.processElement(record("v3", 12_000, 12), 12_000);
      restored.processWatermark(new Watermark(MINUTE - 1));

      assertThat(letters(restored))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.reason()).isEqualTo(RejectReason.TOO_MANY_VERSIONS);
                assertThat(l.detail()).endsWith(": v0, v1, v2, v3, v4, v5, v6, v7");
              });
      List<WindowProfile> windows = restored.extractOutputValues();
      assertThat(windows).hasSize(LIMIT);
      assertThat(profiled(windows)).isEqualTo(LIMIT + 2);
    }
  }

  /** Restored from two subtasks (a rescale), a window keeps both's versions and admits no more. */
  @Test
  void aRescaleKeepsEveryRestoredVersionAndAdmitsNoMore() throws Exception {
    OperatorSubtaskState[] snapshots = new OperatorSubtaskState[2];
    for (int subtask = 0; subtask < 2; subtask++) {
      try (var harness = harness(new ProfileOperator[1])) {
        harness.open();
        for (int i = 0; i < LIMIT; i++) {
          harness.processElement(record("s" + subtask + "-" + i, i, i), i);
        }
        snapshots[subtask] = harness.snapshot(1, 1);
      }
    }
    try (var restored = harness(new ProfileOperator[1])) {
      restored.initializeState(
          OneInputStreamOperatorTestHarness.repackageState(snapshots[0], snapshots[1]));
      restored.open();
      restored.processElement(record("new", 100, 1), 100);
      restored.processElement(record("s1-7", 101, 2), 101);
      restored.processWatermark(new Watermark(MINUTE - 1));

      assertThat(letters(restored))
          .singleElement()
          .satisfies(l -> assertThat(l.detail()).contains("already has 16 versions"));
      assertThat(restored.extractOutputValues()).hasSize(2 * LIMIT);
      assertThat(profiled(restored.extractOutputValues())).isEqualTo(2 * LIMIT + 1);
    }
  }

  @Test
  void theNextWindowAdmitsVersionsAgain() throws Exception {
    try (var harness = harness(new ProfileOperator[1])) {
      harness.open();
      for (int i = 0; i <= LIMIT; i++) {
        harness.processElement(record("a" + i, i, i), i);
      }
      harness.processWatermark(new Watermark(MINUTE - 1));
      for (int i = 0; i <= LIMIT; i++) {
        harness.processElement(record("b" + i, MINUTE + i, i), MINUTE + i);
      }
      // The window after it counts its own versions, while the one before is still open.
      harness.processElement(record("c", 2 * MINUTE, 0), 2 * MINUTE);
      harness.processWatermark(new Watermark(3 * MINUTE - 1));

      assertThat(letters(harness))
          .extracting(DeadLetter::reason)
          .containsExactly(tooMany(), tooMany());
      assertThat(harness.extractOutputValues())
          .extracting(WindowProfile::version)
          .contains("a0", "a7", "b0", "b7", "c")
          .doesNotContain("a8", "b8")
          .hasSize(2 * LIMIT + 1);
    }
  }

  /** Per-version metric groups stay bounded under a flood of new versions in every window. */
  @Test
  void perVersionMetricGroupsStayBoundedAcrossManyWindows() throws Exception {
    ProfileOperator[] operator = new ProfileOperator[1];
    try (var harness = harness(operator)) {
      harness.open();
      int maxMetered = 0;
      for (int window = 0; window < 200; window++) {
        long start = window * MINUTE;
        harness.processElement(record("v1", start, 1), start);
        harness.processElement(record("v2", start + 1, 2), start + 1);
        for (int i = 0; i < 50; i++) {
          harness.processElement(record("w" + window + "-" + i, start + 2 + i, i), start + 2 + i);
        }
        harness.processWatermark(new Watermark(start + MINUTE - 1));
        maxMetered = Math.max(maxMetered, operator[0].meteredVersions(DATASET));
      }
      assertThat(maxMetered).isEqualTo(2 * LIMIT);
      assertThat(operator[0].retiredVersionGroups(DATASET))
          .as("every window's 6 made-up versions, less the room left at the start")
          .isEqualTo(200 * (LIMIT - 2) - (2 * LIMIT - 2));
      assertThat(letters(harness)).hasSize(200 * (50 - (LIMIT - 2)));
    }
  }

  /**
   * The versions whose windows closed most recently keep their groups; the oldest is closed, so the
   * reporters drop its metrics, and a version seen every window is never the one retired.
   */
  @Test
  void theLeastRecentlySeenVersionsGroupIsClosed() {
    AbstractMetricGroup<?> root = UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup();
    ProfileMetrics metrics = new ProfileMetrics(root, 3);
    metrics.onWindow(DatasetProfile.forContract(CONTRACT, "v1", ProfileSettings.DEFAULTS));
    AbstractMetricGroup<?> first =
        (AbstractMetricGroup<?>)
            root.addGroup(JobMetrics.DATASET, DATASET).addGroup(JobMetrics.VERSION, "v1");
    metrics.onWindow(DatasetProfile.forContract(CONTRACT, "x1", ProfileSettings.DEFAULTS));
    AbstractMetricGroup<?> junk =
        (AbstractMetricGroup<?>)
            root.addGroup(JobMetrics.DATASET, DATASET).addGroup(JobMetrics.VERSION, "x1");
    for (int i = 2; i < 100; i++) {
      metrics.onWindow(DatasetProfile.forContract(CONTRACT, "v1", ProfileSettings.DEFAULTS));
      metrics.onWindow(DatasetProfile.forContract(CONTRACT, "x" + i, ProfileSettings.DEFAULTS));
    }
    assertThat(metrics.meteredVersions(DATASET)).isEqualTo(3);
    assertThat(metrics.retiredVersionGroups(DATASET)).isEqualTo(97);
    assertThat(junk.isClosed()).isTrue();
    assertThat(first.isClosed()).as("seen every window").isFalse();
  }

  /** The merge keeps nothing of a dataset version once its window is emitted. */
  @Test
  void theMergerKeepsNoStateOfAnEmittedWindow() throws Exception {
    ProfileMerger merger =
        new ProfileMerger(new ContractCatalog(List.of(CONTRACT)), ProfileSettings.DEFAULTS);
    try (var harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            merger, WindowProfile::versionKey, Types.STRING)) {
      for (int window = 0; window < 3; window++) {
        long start = window * MINUTE;
        for (int v = 0; v < 20; v++) {
          DatasetProfile profile =
              DatasetProfile.forContract(
                  CONTRACT, "w" + window + "-" + v, ProfileSettings.DEFAULTS);
          harness.processElement(
              new WindowProfile(
                  DATASET, profile.version(), start, start + MINUTE, profile.toBytes()),
              start + MINUTE - 1);
        }
        harness.processWatermark(new Watermark(start + MINUTE - 1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
      }
      assertThat(harness.extractOutputValues()).hasSize(60);
    }
  }

  private static RejectReason tooMany() {
    return RejectReason.TOO_MANY_VERSIONS;
  }

  private static long profiled(List<WindowProfile> windows) {
    return windows.stream().mapToLong(w -> DatasetProfile.recordsOf(w.profile())).sum();
  }

  private static OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness(
      ProfileOperator[] operator) throws Exception {
    operator[0] =
        new ProfileOperator(
            new ContractCatalog(List.of(CONTRACT)),
            ProfileSettings.DEFAULTS,
            MINUTE,
            0,
            LIMIT,
            DriftgatePipeline.DEAD_LETTERS);
    return new OneInputStreamOperatorTestHarness<>(operator[0]);
  }

  private static List<DeadLetter> letters(
      OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness) {
    var letters = harness.getSideOutput(DriftgatePipeline.DEAD_LETTERS);
    return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
  }

  private static SourceRecord record(String version, long eventTime, int i) {
    return new SourceRecord(
        new ObservedRecord(DATASET, version, eventTime, null, fields(i)),
        null,
        new byte[0],
        "test@" + eventTime,
        eventTime + 500);
  }

  private static Map<String, Object> fields(int i) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", "id-" + i);
    fields.put("x", Math.sin(i));
    fields.put("seg", "a");
    fields.put("y", (double) i);
    return fields;
  }
}
