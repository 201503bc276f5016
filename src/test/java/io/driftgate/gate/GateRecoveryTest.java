package io.driftgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.drift.Evaluation;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RejectReason;
import io.driftgate.routing.RoutingEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A gate rebuilt from its snapshot, as a job started without its state rebuilds it from {@code
 * gate_snapshot}: one gate runs, its snapshot is taken, and a second gate recovered from it carries
 * on.
 */
class GateRecoveryTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final String DATASET = "it.features";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int ROWS = 300;

  private DatasetGate gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingUpdate> routing = new ArrayList<>();

  @Test
  void aRolloutAwaitingApprovalResumesAtItsStageAndNumbersOnFromTheStoredSequence() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    GateSnapshot stored = GateSnapshot.of(gate.state());
    List<Decision> before = List.copyOf(decisions);

    recover(stored, 3);

    Decision recovered = decisions.get(before.size());
    assertThat(recovered.kind()).isEqualTo(DecisionKind.HELD);
    assertThat(recovered.reason()).isEqualTo(HoldReason.RECOVERED_WITHOUT_STATE);
    assertThat(recovered.sequence()).isEqualTo(stored.decisionSequence() + 1);
    assertThat(recovered.toPhase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(recovered.exposureBasisPoints()).isEqualTo(1000);
    assertThat(recovered.message())
        .contains("recovered from the database")
        .contains("AWAITING_APPROVAL of v2 against v1, stage 2, 1000 bp")
        .contains("evidence");
    assertThat(routing.get(routing.size() - 1))
        .as("the routing row again, under the new sequence")
        .isEqualTo(
            new RoutingUpdate(
                new RoutingEntry(DATASET, "v1", "v2", 1000, "it.features/v2", 1),
                recovered.sequence(),
                minute(3)));

    command(approve("a-1", 1, 3));
    windows(3, 8, "v1", "v2");

    List<Decision> after = decisions.subList(before.size(), decisions.size());
    assertThat(after)
        .extracting(Decision::kind)
        .containsSubsequence(
            DecisionKind.HELD, DecisionKind.APPROVED, DecisionKind.ADVANCED, DecisionKind.PROMOTED);
    assertThat(after)
        .extracting(Decision::sequence)
        .isSorted()
        .allMatch(sequence -> sequence > stored.decisionSequence());
    assertThat(after)
        .extracting(Decision::decisionId)
        .doesNotContainAnyElementsOf(before.stream().map(Decision::decisionId).toList());
  }

  /** The starter comes from the audit log (StoredGates), so four eyes outlive a restart. */
  @Test
  void theStarterCannotApproveTheRecoveredRollout() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    recover(GateSnapshot.of(gate.state()), 3);

    command(new Command.Approve("a-self", DATASET, "bot", minute(3), 1));

    Decision refused = decisions.get(decisions.size() - 1);
    assertThat(refused.kind()).isEqualTo(DecisionKind.REJECTED);
    assertThat(refused.reason()).isEqualTo(RejectReason.FOUR_EYES);
    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
  }

  @Test
  void thePromotedReferenceAndTheAbandonedCandidatesSurviveAndTheNextRolloutUsesThem() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    command(approve("a-1", 1, 2));
    windows(2, 6, "v1", "v2");
    command(start("v3", "v2", 6));
    command(new Command.Abort("abort-v3", DATASET, "ops", minute(6), "bad build"));
    assertThat(gate.state().status().phase()).isEqualTo(Phase.ABORTED);
    GateSnapshot stored = GateSnapshot.of(gate.state());
    int decided = decisions.size();

    recover(stored, 7);

    assertThat(decisions).hasSize(decided);
    assertThat(gate.state().referenceVersion()).isEqualTo("v2");
    command(new Command.Start("start-v3-again", DATASET, "bot", minute(7), "v3", "v2", null));
    command(start("v4", "v2", 7));
    windows(7, 8, "v4"); // v2's live stream is silent: the reference stands in for it

    assertThat(decisions.subList(decided, decisions.size()))
        .extracting(Decision::kind, Decision::reason, Decision::sequence)
        .startsWith(
            tuple(
                DecisionKind.REJECTED,
                RejectReason.CANDIDATE_ABANDONED,
                stored.decisionSequence() + 1),
            tuple(
                DecisionKind.STARTED,
                decisions.get(decided + 1).reason(),
                stored.decisionSequence() + 2));
    Evaluation evaluation = evaluations.get(evaluations.size() - 1);
    assertThat(evaluation.candidateVersion()).isEqualTo("v4");
    assertThat(evaluation.baselineCount())
        .as("the reference profile of v2")
        .isEqualTo(DatasetProfile.fromBytes(stored.referenceProfile()).records())
        .isPositive();
  }

  @Test
  void aRepeatedCommandIsDroppedAfterTheRecoveryAsBefore() {
    command(start("v2", "v1", 0));
    GateSnapshot stored = GateSnapshot.of(gate.state());
    recover(stored, 1);
    int decided = decisions.size();

    GateOutput out = new GateOutput();
    gate.onCommand(start("v2", "v1", 0), out);

    assertThat(out.duplicates()).hasSize(1);
    assertThat(decisions).hasSize(decided);
  }

  @Test
  void aStoredPlanThisJobRefusesHoldsTheRolloutUntilAnOperatorAbortsIt() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    GateSnapshot stored =
        withRollout(
            GateSnapshot.of(gate.state()),
            r -> rollout(r, r.plan().replace("\"exposure\":100", "\"exposure\":90")));
    int decided = decisions.size();
    int routed = routing.size();

    recover(stored, 3);
    windows(3, 5, "v1", "v2");
    command(pause("p-1", 5));
    command(approve("a-1", 1, 5));
    command(new Command.Abort("abort-1", DATASET, "ops", minute(6), "cannot resume"));

    assertThat(decisions.subList(decided, decisions.size()))
        .extracting(Decision::kind, Decision::reason)
        .containsExactly(
            tuple(DecisionKind.HELD, HoldReason.NOT_RESUMABLE),
            tuple(DecisionKind.REJECTED, RejectReason.ROLLOUT_NOT_RESUMABLE),
            tuple(DecisionKind.REJECTED, RejectReason.ROLLOUT_NOT_RESUMABLE),
            tuple(DecisionKind.ABORTED, decisions.get(decisions.size() - 1).reason()));
    assertThat(decisions.get(decided).message())
        .contains("cannot be resumed")
        .contains("the last stage must have exposure 100, got 90")
        .contains("until aborted or rolled back");
    assertThat(evaluations).as("no window is judged").hasSize(2);
    assertThat(routing.subList(routed, routing.size()))
        .as("no routing row until it ends, then the baseline for everyone")
        .extracting(RoutingUpdate::entry)
        .containsExactly(new RoutingEntry(DATASET, "v1", null, 0, "it.features/v2", -1));
    assertThat(GateSnapshot.of(gate.state()).rollout().phase()).isEqualTo("ABORTED");
  }

  @Test
  void aHeldRolloutIsWrittenBackAsItWasStored() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    GateSnapshot stored =
        withRollout(GateSnapshot.of(gate.state()), r -> rollout(r, r.plan(), 2500));

    recover(stored, 3);

    assertThat(decisions.get(decisions.size() - 1).message())
        .contains("its exposure 2500 bp is not the 1000 bp its plan gives stage 2 of 3");
    GateSnapshot written = GateSnapshot.of(gate.state());
    assertThat(written.rollout()).isEqualTo(stored.rollout());
    assertThat(written.decisionSequence()).isEqualTo(stored.decisionSequence() + 1);
  }

  @Test
  void aDatasetKnownOnlyByItsSequenceNumbersOnFromIt() {
    recover(GateSnapshot.sequenceOnly(DATASET, 9, null), 0);
    command(start("v2", "v1", 0));

    assertThat(decisions)
        .extracting(Decision::kind, Decision::sequence)
        .containsExactly(tuple(DecisionKind.STARTED, 10L));
  }

  // --- helpers ---

  private void recover(GateSnapshot snapshot, int atMinute) {
    collect(
        out ->
            gate =
                new DatasetGate(
                    CONTRACT,
                    ProfileSettings.DEFAULTS,
                    GateRecovery.recover(snapshot, minute(atMinute), "bot", out)));
  }

  private static GateSnapshot withRollout(
      GateSnapshot snapshot, UnaryOperator<GateSnapshot.Rollout> change) {
    return new GateSnapshot(
        snapshot.dataset(),
        snapshot.decisionSequence(),
        snapshot.referenceVersion(),
        snapshot.referenceProfile(),
        snapshot.abandoned(),
        snapshot.recentCommandIds(),
        change.apply(snapshot.rollout()),
        snapshot.updatedAt());
  }

  private static GateSnapshot.Rollout rollout(GateSnapshot.Rollout r, String plan) {
    return rollout(r, plan, r.exposureBasisPoints());
  }

  private static GateSnapshot.Rollout rollout(GateSnapshot.Rollout r, String plan, int exposure) {
    return new GateSnapshot.Rollout(
        r.phase(),
        r.rolloutId(),
        r.candidateVersion(),
        r.baselineVersion(),
        plan,
        r.stageIndex(),
        r.stageStartedAt(),
        r.phaseBeforePause(),
        exposure,
        r.routingSalt(),
        r.startedAt());
  }

  private void command(Command command) {
    collect(out -> gate.onCommand(command, out));
  }

  private void windows(int fromMinute, int untilMinute, String... versions) {
    for (int m = fromMinute; m < untilMinute; m++) {
      Map<String, DatasetProfile> profiles = new HashMap<>();
      for (String version : versions) {
        profiles.put(version, window(version, m));
      }
      int minute = m;
      collect(out -> gate.onWindow(minute(minute), minute(minute + 1), profiles, out));
    }
  }

  private void collect(Consumer<GateOutput> step) {
    GateOutput out = new GateOutput();
    step.accept(out);
    decisions.addAll(out.decisions());
    evaluations.addAll(out.evaluations());
    routing.addAll(out.routing());
  }

  private static DatasetProfile window(String version, int minute) {
    return ItFeatureWindows.window(CONTRACT, version, minute, 0.0);
  }

  private static Command.Start start(String candidate, String baseline, int atMinute) {
    return new Command.Start(
        "start-" + candidate, DATASET, "bot", minute(atMinute), candidate, baseline, null);
  }

  private static Command.Approve approve(String id, int stageIndex, int atMinute) {
    return new Command.Approve(id, DATASET, "alice", minute(atMinute), stageIndex);
  }

  private static Command.Pause pause(String id, int atMinute) {
    return new Command.Pause(id, DATASET, "alice", minute(atMinute));
  }

  private static Instant minute(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
