package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.gate.GateSnapshot;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.RejectReason;
import io.driftgate.store.GateSnapshotStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The controller under Flink's keyed harness: event-time order, outputs, cleanup. */
class RolloutControllerTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final String DATASET = "it.features";
  private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final Duration MAX_DELAY = Duration.ofSeconds(2);

  @Test
  void windowsAndCommandsAreAppliedInEventTimeOrderAndLeaveNoTimersBehind() throws Exception {
    try (var harness = harness()) {
      Command start = start(1);
      // Given before stage 2 is due: kept in keyed state and applied when it is.
      Command approve = new Command.Approve("c-approve", DATASET, "alice", at(2), 1);
      harness.processElement(new GateInput.Control(start), at(1).toEpochMilli());
      harness.processElement(new GateInput.Control(approve), at(2).toEpochMilli());
      for (int m = 0; m < 6; m++) {
        harness.processElement(window("v1", m), T0 + (m + 1) * MINUTE - 1);
        harness.processElement(window("v2", m), T0 + (m + 1) * MINUTE - 1);
        harness.processWatermark(T0 + (m + 1) * MINUTE - 1);
      }

      List<Decision> decisions = harness.extractOutputValues();
      assertThat(decisions)
          .extracting(Decision::kind)
          .containsSubsequence(
              DecisionKind.STARTED,
              DecisionKind.AWAITING_APPROVAL,
              DecisionKind.APPROVED,
              DecisionKind.ADVANCED,
              DecisionKind.PROMOTED);
      assertThat(values(harness, RolloutController.ALIAS))
          .extracting(Decision::kind)
          .containsExactly(DecisionKind.PROMOTED);
      // Stage 2 is entered in the step that makes it due: no routing row for the wait between.
      assertThat(values(harness, RolloutController.ROUTING))
          .extracting(u -> u.entry().exposureBasisPoints())
          .containsExactly(1000, 5000, 10000, 0);
      assertThat(values(harness, RolloutController.DRIFT)).hasSize(5);
      // Bounded state: once the deadlines have passed, only the dataset's gate is left.
      harness.setProcessingTime(at(2).toEpochMilli() + MAX_DELAY.toMillis());
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numProcessingTimeTimers()).isZero();
      assertThat(harness.numKeyedStateEntries()).as("the gate; no queued step").isEqualTo(1);
    }
  }

  @Test
  void aCommandBehindTheWatermarkTakesEffectAtTheNextStepWithItsOwnTime() throws Exception {
    try (var harness = harness()) {
      harness.processWatermark(T0 + 5 * MINUTE);
      Command late = start(2);
      harness.processElement(new GateInput.Control(late), at(2).toEpochMilli());
      assertThat(harness.extractOutputValues()).isEmpty();

      harness.processWatermark(T0 + 5 * MINUTE + 1);

      assertThat(harness.extractOutputValues())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.kind()).isEqualTo(DecisionKind.STARTED);
                assertThat(d.at()).isEqualTo(at(2));
              });
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aCommandSentTwiceWithOneIdIsAnsweredOnce() throws Exception {
    try (var harness = harness()) {
      Command start = start(1);
      Command pause = new Command.Pause("c-pause", DATASET, "alice", at(2));
      Command retry = new Command.Pause("c-pause", DATASET, "alice", at(3));
      Command another = new Command.Pause("c-pause-2", DATASET, "alice", at(4));
      for (Command command : List.of(start, pause, retry, another)) {
        harness.processElement(new GateInput.Control(command), command.at().toEpochMilli());
      }
      harness.processWatermark(T0 + 5 * MINUTE);

      assertThat(harness.extractOutputValues())
          .extracting(Decision::kind, Decision::reason)
          .containsExactly(
              tuple(DecisionKind.STARTED, ProgressReason.COMMANDED),
              tuple(DecisionKind.PAUSED, HoldReason.PAUSED),
              tuple(DecisionKind.REJECTED, RejectReason.ALREADY_PAUSED));
    }
  }

  @Test
  void aStageHeldPastItsDeadlineIsReportedOnceAndKeepsItsExposure() throws Exception {
    try (var harness = harness()) {
      RolloutPlan plan =
          new RolloutPlan(
              List.of(
                  new Stage(1_000, Duration.ofMinutes(1), 200, false, Duration.ofMinutes(3)),
                  new Stage(10_000, Duration.ZERO, 0, false)),
              2,
              DeadlineAction.HOLD_AND_ALERT);
      Command start = new Command.Start("c-start", DATASET, "bot", at(0), "v2", "v1", plan);
      harness.processElement(new GateInput.Control(start), at(0).toEpochMilli());
      for (int m = 0; m < 6; m++) {
        harness.processElement(window("v2", m), T0 + (m + 1) * MINUTE - 1);
        harness.processWatermark(T0 + (m + 1) * MINUTE - 1);
      }

      assertThat(harness.extractOutputValues())
          .extracting(Decision::kind, Decision::reason)
          .containsExactly(
              tuple(DecisionKind.STARTED, ProgressReason.COMMANDED),
              tuple(DecisionKind.HELD, HoldReason.NO_DATA),
              tuple(DecisionKind.HELD, HoldReason.DEADLINE_PASSED));
      assertThat(values(harness, RolloutController.ALIAS)).isEmpty();
      assertThat(values(harness, RolloutController.ROUTING))
          .extracting(u -> u.entry().exposureBasisPoints())
          .containsExactly(1000);
    }
  }

  @Test
  void aRollbackTakesEffectWithinTheMaxDelayWhileNoDataMovesTheWatermark() throws Exception {
    try (var harness = harness()) {
      rolloutAtHalfExposure(harness);
      int decided = harness.extractOutputValues().size();
      Command rollback =
          new Command.ManualRollback("c-rollback", DATASET, "ops", at(5), "incident");

      readAt(harness, rollback, at(5));
      harness.setProcessingTime(at(5).toEpochMilli() + MAX_DELAY.toMillis() - 1);
      assertThat(harness.extractOutputValues()).hasSize(decided);
      harness.setProcessingTime(at(5).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(
              harness.extractOutputValues().subList(decided, harness.extractOutputValues().size()))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.kind()).isEqualTo(DecisionKind.ROLLED_BACK);
                assertThat(d.at()).isEqualTo(at(5));
              });
      assertThat(values(harness, RolloutController.ALIAS))
          .extracting(Decision::kind, d -> d.baselineVersion())
          .containsExactly(tuple(DecisionKind.ROLLED_BACK, "v1"));
      assertThat(last(values(harness, RolloutController.ROUTING)).entry())
          .satisfies(
              entry -> {
                assertThat(entry.exposureBasisPoints()).isZero();
                assertThat(entry.baselineVersion()).isEqualTo("v1");
                assertThat(entry.candidateVersion()).isNull();
              });
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DecisionKind.class,
      names = {"PAUSED", "ABORTED"})
  void pauseAndAbortTakeEffectWithinTheMaxDelayWithoutData(DecisionKind kind) throws Exception {
    try (var harness = harness()) {
      rolloutAtHalfExposure(harness);
      int decided = harness.extractOutputValues().size();
      Command command =
          kind == DecisionKind.PAUSED
              ? new Command.Pause("c-pause", DATASET, "ops", at(5))
              : new Command.Abort("c-abort", DATASET, "ops", at(5), "incident");

      readAt(harness, command, at(5));
      harness.setProcessingTime(at(5).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(
              harness.extractOutputValues().subList(decided, harness.extractOutputValues().size()))
          .extracting(Decision::kind)
          .containsExactly(kind);
      assertThat(last(values(harness, RolloutController.ROUTING)).entry().exposureBasisPoints())
          .isEqualTo(kind == DecisionKind.PAUSED ? 5000 : 0);
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aCommandTheWatermarkPassesInTimeIsAppliedOnceByEventTime() throws Exception {
    try (var harness = harness()) {
      rolloutAtHalfExposure(harness);
      int decided = harness.extractOutputValues().size();
      Command rollback =
          new Command.ManualRollback("c-rollback", DATASET, "ops", at(5), "incident");

      readAt(harness, rollback, at(5));
      harness.processWatermark(at(5).toEpochMilli());
      assertThat(harness.extractOutputValues()).hasSize(decided + 1);
      harness.setProcessingTime(at(5).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(
              harness.extractOutputValues().subList(decided, harness.extractOutputValues().size()))
          .extracting(Decision::kind)
          .containsExactly(DecisionKind.ROLLED_BACK);
      assertThat(values(harness, RolloutController.ALIAS)).hasSize(1);
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aForcedCommandTakesTheStepsQueuedBeforeItAndWindowsArrivingLaterCannotReviveTheRollout()
      throws Exception {
    try (var harness = harness()) {
      rolloutAtHalfExposure(harness);
      int evaluated = values(harness, RolloutController.DRIFT).size();
      // Read, but the watermark has not passed it: the command's deadline takes it along.
      harness.processElement(window("v1", 4), T0 + 5 * MINUTE - 1);
      harness.processElement(window("v2", 4), T0 + 5 * MINUTE - 1);
      Command rollback =
          new Command.ManualRollback("c-rollback", DATASET, "ops", at(6), "incident");

      readAt(harness, rollback, at(6));
      harness.setProcessingTime(at(6).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(values(harness, RolloutController.DRIFT)).hasSize(evaluated + 1);
      assertThat(last(harness.extractOutputValues()).kind()).isEqualTo(DecisionKind.ROLLED_BACK);
      int decided = harness.extractOutputValues().size();

      // A window the rollback overtook, then the watermark: it belongs to an ended rollout.
      harness.processElement(window("v1", 5), T0 + 6 * MINUTE - 1);
      harness.processElement(window("v2", 5), T0 + 6 * MINUTE - 1);
      harness.processWatermark(T0 + 6 * MINUTE);

      assertThat(harness.extractOutputValues()).hasSize(decided);
      assertThat(values(harness, RolloutController.DRIFT)).hasSize(evaluated + 1);
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aStartTakesEffectWithoutDataAndIgnoresWindowsThatEndedBeforeIt() throws Exception {
    try (var harness = harness()) {
      harness.setProcessingTime(at(3).toEpochMilli());
      Command start = start(3);
      readAt(harness, start, at(3));
      harness.setProcessingTime(at(3).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(harness.extractOutputValues())
          .extracting(Decision::kind)
          .containsExactly(DecisionKind.STARTED);
      assertThat(values(harness, RolloutController.ROUTING))
          .extracting(u -> u.entry().exposureBasisPoints())
          .containsExactly(1000);

      for (int m = 0; m < 4; m++) {
        harness.processElement(window("v1", m), T0 + (m + 1) * MINUTE - 1);
        harness.processElement(window("v2", m), T0 + (m + 1) * MINUTE - 1);
        harness.processWatermark(T0 + (m + 1) * MINUTE - 1);
      }
      assertThat(values(harness, RolloutController.DRIFT))
          .singleElement()
          .satisfies(e -> assertThat(e.windowStart()).isEqualTo(at(3)));
    }
  }

  @Test
  void aCommandDatedAheadWaitsForItsTimeBeforeItsDeadlineRuns() throws Exception {
    try (var harness = harness()) {
      rolloutAtHalfExposure(harness);
      int decided = harness.extractOutputValues().size();
      Command pause = new Command.Pause("c-pause", DATASET, "ops", at(30));

      readAt(harness, pause, at(5));
      harness.setProcessingTime(at(29).toEpochMilli());
      assertThat(harness.extractOutputValues()).hasSize(decided);
      harness.setProcessingTime(at(30).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(last(harness.extractOutputValues()))
          .satisfies(
              d -> {
                assertThat(d.kind()).isEqualTo(DecisionKind.PAUSED);
                assertThat(d.at()).isEqualTo(at(30));
              });
    }
  }

  @Test
  void aCommandQueuedAtAFailoverIsAppliedAfterTheRestoreThoughNoRecordComes() throws Exception {
    OperatorSubtaskState checkpoint;
    try (var failed = harness()) {
      rolloutAtHalfExposure(failed);
      readAt(
          failed,
          new Command.ManualRollback("c-rollback", DATASET, "ops", at(5), "incident"),
          at(5));
      checkpoint = failed.snapshot(1, at(5).toEpochMilli());
    }
    try (var restored =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(controller()), GateInput::dataset, Types.STRING, 1, 1, 0)) {
      restored.setup();
      restored.initializeState(checkpoint);
      restored.open();
      restored.setProcessingTime(at(5).toEpochMilli() + MAX_DELAY.toMillis());

      assertThat(restored.extractOutputValues())
          .extracting(Decision::kind)
          .containsExactly(DecisionKind.ROLLED_BACK);
      assertThat(last(values(restored, RolloutController.ROUTING)).entry().exposureBasisPoints())
          .isZero();
    }
  }

  @Test
  void aRollbackAppliedAheadOfAWindowStillEndsTheRolloutInAReplayThatAppliesTheWindowFirst()
      throws Exception {
    Command rollback = new Command.ManualRollback("c-rollback", DATASET, "ops", at(5), "incident");
    try (var live = harness();
        var replay = harness()) {
      // Live: the records stop before minute 4's window is applied; the rollback's deadline passes.
      rolloutAtHalfExposure(live);
      readAt(live, rollback, at(5));
      live.setProcessingTime(at(5).toEpochMilli() + MAX_DELAY.toMillis());
      live.processElement(window("v1", 4), T0 + 5 * MINUTE - 1);
      live.processElement(window("v2", 4), T0 + 5 * MINUTE - 1);
      live.processWatermark(T0 + 5 * MINUTE);
      // Replay: everything is read; event time puts minute 4's window, which passes stage 2, first.
      rolloutAtHalfExposure(replay);
      replay.processElement(new GateInput.Control(rollback), at(5).toEpochMilli());
      replay.processElement(window("v1", 4), T0 + 5 * MINUTE - 1);
      replay.processElement(window("v2", 4), T0 + 5 * MINUTE - 1);
      replay.processWatermark(T0 + 5 * MINUTE);

      assertThat(live.extractOutputValues())
          .extracting(Decision::kind)
          .endsWith(DecisionKind.HELD, DecisionKind.ROLLED_BACK);
      assertThat(replay.extractOutputValues())
          .extracting(Decision::kind)
          .endsWith(DecisionKind.HELD, DecisionKind.ADVANCED, DecisionKind.ROLLED_BACK);
      assertThat(last(values(replay, RolloutController.ROUTING)).entry())
          .isEqualTo(last(values(live, RolloutController.ROUTING)).entry());
      assertThat(last(values(replay, RolloutController.ALIAS)))
          .extracting(Decision::kind, Decision::baselineVersion, Decision::actor)
          .containsExactly(DecisionKind.ROLLED_BACK, "v1", "ops");
      assertThat(last(values(live, RolloutController.ALIAS)))
          .extracting(Decision::kind, Decision::baselineVersion, Decision::actor)
          .containsExactly(DecisionKind.ROLLED_BACK, "v1", "ops");
    }
  }

  @Test
  void aControllerWithoutStateResumesTheRolloutTheDatabaseHoldsAndAnAbortEndsIt() throws Exception {
    JdbcSettings db = TestDatabases.h2();
    try {
      List<Decision> first;
      try (var cancelled = harness(StoredGates.NONE)) {
        rolloutAtHalfExposure(cancelled);
        first = cancelled.extractOutputValues();
        store(db, values(cancelled, RolloutController.SNAPSHOTS));
      }
      long lastSequence = last(first).sequence();

      try (var resubmitted = harness(StoredGates.in(endpoint(db)))) {
        readAt(
            resubmitted,
            new Command.Abort("c-abort", DATASET, "ops", at(6), "after the restart"),
            at(6));
        resubmitted.setProcessingTime(at(6).toEpochMilli() + MAX_DELAY.toMillis());

        List<Decision> decisions = resubmitted.extractOutputValues();
        assertThat(decisions)
            .extracting(Decision::kind, Decision::reason, Decision::sequence)
            .containsExactly(
                tuple(DecisionKind.HELD, HoldReason.RECOVERED_WITHOUT_STATE, lastSequence + 1),
                tuple(DecisionKind.ABORTED, ProgressReason.COMMANDED, lastSequence + 2));
        assertThat(decisions.get(0).message()).contains("STAGE of v2 against v1, stage 2, 5000 bp");
        assertThat(decisions)
            .extracting(Decision::decisionId)
            .doesNotContainAnyElementsOf(first.stream().map(Decision::decisionId).toList());
        assertThat(values(resubmitted, RolloutController.ROUTING))
            .extracting(u -> u.entry().exposureBasisPoints(), RoutingUpdate::decisionSequence)
            .containsExactly(tuple(5000, lastSequence + 1), tuple(0, lastSequence + 2));
        assertThat(last(values(resubmitted, RolloutController.SNAPSHOTS)).rollout().phase())
            .isEqualTo("ABORTED");
      }
    } finally {
      TestDatabases.release(db);
    }
  }

  @Test
  void aControllerWithoutStateJudgesTheNextRolloutOnThePromotedReference() throws Exception {
    JdbcSettings db = TestDatabases.h2();
    try {
      long lastSequence;
      try (var cancelled = harness(StoredGates.NONE)) {
        rolloutAtHalfExposure(cancelled);
        for (int m = 4; m < 6; m++) {
          cancelled.processElement(window("v1", m), T0 + (m + 1) * MINUTE - 1);
          cancelled.processElement(window("v2", m), T0 + (m + 1) * MINUTE - 1);
          cancelled.processWatermark(T0 + (m + 1) * MINUTE - 1);
        }
        assertThat(last(cancelled.extractOutputValues()).kind()).isEqualTo(DecisionKind.PROMOTED);
        lastSequence = last(cancelled.extractOutputValues()).sequence();
        store(db, values(cancelled, RolloutController.SNAPSHOTS));
      }

      try (var resubmitted = harness(StoredGates.in(endpoint(db)))) {
        Command start = new Command.Start("c-start-v3", DATASET, "bot", at(7), "v3", "v2", null);
        resubmitted.processElement(new GateInput.Control(start), at(7).toEpochMilli());
        // v2's live stream is silent: the reference saved at its promotion stands in for it.
        resubmitted.processElement(window("v3", 7), T0 + 8 * MINUTE - 1);
        resubmitted.processWatermark(T0 + 8 * MINUTE - 1);

        assertThat(resubmitted.extractOutputValues())
            .extracting(Decision::kind, Decision::sequence)
            .startsWith(tuple(DecisionKind.STARTED, lastSequence + 1));
        assertThat(values(resubmitted, RolloutController.DRIFT))
            .singleElement()
            .satisfies(
                evaluation -> {
                  assertThat(evaluation.baselineVersion()).isEqualTo("v2");
                  assertThat(evaluation.baselineCount()).as("the reference of v2").isPositive();
                });
      }
    } finally {
      TestDatabases.release(db);
    }
  }

  /** What the snapshot sink of the cancelled job wrote. */
  private static void store(JdbcSettings db, List<GateSnapshot> snapshots) throws Exception {
    assertThat(snapshots).isNotEmpty();
    GateSnapshotStore store = new GateSnapshotStore(db);
    for (GateSnapshot snapshot : snapshots) {
      store.upsert(snapshot);
    }
  }

  private static JdbcEndpoint endpoint(JdbcSettings db) {
    return new JdbcEndpoint(db.url(), db.user(), null, null);
  }

  /**
   * Starts v2 against v1 with stage 2 approved in advance and feeds four minutes of windows: the
   * rollout is in stage 2 at 50%, and the watermark stops short of minute 4's end.
   */
  private static void rolloutAtHalfExposure(
      KeyedOneInputStreamOperatorTestHarness<String, GateInput, Decision> harness)
      throws Exception {
    harness.setProcessingTime(at(0).toEpochMilli());
    Command start = start(1);
    Command approve = new Command.Approve("c-approve", DATASET, "alice", at(1), 1);
    for (Command command : List.of(start, approve)) {
      harness.processElement(new GateInput.Control(command), command.at().toEpochMilli());
    }
    for (int m = 0; m < 4; m++) {
      harness.processElement(window("v1", m), T0 + (m + 1) * MINUTE - 1);
      harness.processElement(window("v2", m), T0 + (m + 1) * MINUTE - 1);
      harness.processWatermark(T0 + (m + 1) * MINUTE - 1);
    }
    assertThat(last(values(harness, RolloutController.ROUTING)).entry().exposureBasisPoints())
        .isEqualTo(5000);
  }

  /** The controller reads {@code command} at processing time {@code readAt}. */
  private static void readAt(
      KeyedOneInputStreamOperatorTestHarness<String, GateInput, Decision> harness,
      Command command,
      Instant readAt)
      throws Exception {
    harness.setProcessingTime(readAt.toEpochMilli());
    harness.processElement(new GateInput.Control(command), command.at().toEpochMilli());
  }

  private static <T> T last(List<T> values) {
    return values.get(values.size() - 1);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, GateInput, Decision> harness()
      throws Exception {
    return harness(StoredGates.NONE);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, GateInput, Decision> harness(
      StoredGates stored) throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        controller(stored), GateInput::dataset, Types.STRING);
  }

  private static RolloutController controller() {
    return controller(StoredGates.NONE);
  }

  private static RolloutController controller(StoredGates stored) {
    return new RolloutController(
        new ContractCatalog(List.of(CONTRACT)),
        ProfileSettings.DEFAULTS,
        CommandDeadlines.after(MAX_DELAY),
        stored);
  }

  private static <T> List<T> values(
      KeyedOneInputStreamOperatorTestHarness<String, GateInput, Decision> harness,
      org.apache.flink.util.OutputTag<T> tag) {
    return harness.getSideOutput(tag) == null
        ? List.of()
        : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
  }

  private static Command.Start start(int minute) {
    return new Command.Start("c-start", DATASET, "bot", at(minute), "v2", "v1", null);
  }

  private static Instant at(int minute) {
    return Instant.ofEpochMilli(T0 + minute * MINUTE);
  }

  private static GateInput window(String version, int minute) {
    DatasetProfile profile =
        DatasetProfile.forContract(CONTRACT, version, ProfileSettings.DEFAULTS);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    SplittableRandom random = new SplittableRandom(version.hashCode() * 31L + minute);
    for (int r = 0; r < 300; r++) {
      Map<String, Object> fields = new HashMap<>();
      fields.put("id", version + "-" + minute + "-" + r);
      fields.put("x", random.nextGaussian());
      fields.put("seg", new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
      fields.put("y", random.nextDouble());
      long eventTime = T0 + minute * MINUTE + r * 200L;
      profiler.observe(profile, fields, eventTime, eventTime + 500);
    }
    return new GateInput.Window(
        new WindowProfile(
            DATASET, version, T0 + minute * MINUTE, T0 + (minute + 1) * MINUTE, profile.toBytes()));
  }
}
