package io.driftgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.drift.Evaluation;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.RejectReason;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.routing.RoutingEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-dataset gate without Flink: windows and commands in, decisions and routing out. */
class DatasetGateTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int ROWS = 300;

  /** Replaced only by a restore. */
  private DatasetGate gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());

  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingEntry> routing = new ArrayList<>();
  private final List<Command> duplicates = new ArrayList<>();

  @Test
  void healthyRolloutAdvancesWithApprovalAndPromotionSavesTheReferenceProfile() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);

    command(approve("a-1", 1, 2));
    windows(2, 6, "v1", "v2");

    assertThat(kinds())
        .containsSubsequence(
            DecisionKind.STARTED,
            DecisionKind.AWAITING_APPROVAL,
            DecisionKind.APPROVED,
            DecisionKind.ADVANCED,
            DecisionKind.PROMOTED);
    assertThat(routing)
        .extracting(RoutingEntry::exposureBasisPoints)
        .containsExactly(1000, 1000, 5000, 10000, 0);
    assertThat(routing.get(routing.size() - 1))
        .isEqualTo(new RoutingEntry("it.features", "v2", null, 0, "it.features/v2", -1));
    assertThat(gate.state().referenceVersion()).isEqualTo("v2");
    assertThat(gate.state().status().phase()).isEqualTo(Phase.PROMOTED);
  }

  @Test
  void evidenceCarriesAcrossStages() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    command(approve("a-1", 1, 2));
    windows(2, 3, "v1", "v2");

    assertThat(gate.state().status().stageIndex()).isEqualTo(1);
    assertThat(evaluations)
        .extracting(Evaluation::candidateCount, Evaluation::baselineCount)
        .containsExactly(tuple(300L, 300L), tuple(600L, 600L), tuple(900L, 900L));
    assertThat(evaluations).extracting(Evaluation::windowStart).containsOnly(minute(0));
  }

  @Test
  void eachStageStillNeedsItsOwnSamplesAndDuration() {
    RolloutPlan plan =
        new RolloutPlan(
            List.of(
                new Stage(1_000, Duration.ZERO, 200, false),
                new Stage(5_000, Duration.ZERO, 500, false),
                new Stage(7_500, Duration.ofMinutes(2), 0, false),
                new Stage(10_000, Duration.ZERO, 0, false)),
            2);
    command(new Command.Start("start-v2", "it.features", "bot", minute(0), "v2", "v1", plan));
    windows(0, 6, "v1", "v2");

    assertThat(decisions)
        .extracting(Decision::kind, Decision::reason)
        .containsExactly(
            tuple(DecisionKind.STARTED, ProgressReason.COMMANDED),
            tuple(DecisionKind.ADVANCED, ProgressReason.GATES_PASSED),
            tuple(DecisionKind.HELD, HoldReason.MIN_SAMPLES),
            tuple(DecisionKind.ADVANCED, ProgressReason.GATES_PASSED),
            tuple(DecisionKind.HELD, HoldReason.MIN_DURATION),
            tuple(DecisionKind.ADVANCED, ProgressReason.GATES_PASSED),
            tuple(DecisionKind.PROMOTED, ProgressReason.GATES_PASSED));
    // 600 records per side in the rollout, but only 300 since stage 1 started.
    assertThat(evaluations.get(1).candidateCount()).isEqualTo(600L);
    assertThat(decisions.get(2).message())
        .isEqualTo("samples 300/300 (candidate/baseline), stage needs 500 per side");
    assertThat(decisions.get(4).message()).isEqualTo("stage ran PT1M of PT2M");
  }

  @Test
  void aSilentBaselineIsReplacedByThePromotedVersionsReferenceProfile() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    command(approve("a-1", 1, 2));
    windows(2, 6, "v1", "v2");
    evaluations.clear();
    decisions.clear();

    command(start("v3", "v2", 6));
    windows(6, 8, "v3");
    command(approve("a-2", 1, 8));
    windows(8, 11, "v3");

    Evaluation first = evaluations.get(0);
    assertThat(first.baselineVersion()).isEqualTo("v2");
    // v2 was promoted at the end of minute 5: its rollout profile holds minutes 0 to 4. That
    // fixed sample stands in for the baseline in every stage, and counts as its samples.
    assertThat(evaluations)
        .extracting(Evaluation::candidateCount, Evaluation::baselineCount)
        .containsExactly(
            tuple(300L, 5L * ROWS),
            tuple(600L, 5L * ROWS),
            tuple(900L, 5L * ROWS),
            tuple(1200L, 5L * ROWS),
            tuple(1500L, 5L * ROWS));
    assertThat(kinds())
        .containsExactly(
            DecisionKind.STARTED,
            DecisionKind.HELD,
            DecisionKind.AWAITING_APPROVAL,
            DecisionKind.APPROVED,
            DecisionKind.HELD,
            DecisionKind.ADVANCED,
            DecisionKind.PROMOTED);
  }

  @Test
  void aRestoredGateDecidesAsTheUninterruptedOne() throws Exception {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    command(approve("a-1", 1, 2));
    windows(2, 3, "v1", "v2");
    DatasetGateTest restored = new DatasetGateTest();
    restored.gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, roundTrip(gate.state()));

    windows(3, 6, "v1", "v2");
    restored.windows(3, 6, "v1", "v2");

    assertThat(restored.decisions)
        .isEqualTo(decisions.subList(decisions.size() - 2, decisions.size()));
    assertThat(restored.evaluations)
        .isEqualTo(evaluations.subList(evaluations.size() - 2, evaluations.size()));
    assertThat(serialized(restored.gate.state())).isEqualTo(serialized(gate.state()));
  }

  @Test
  void stateSavedBeforeEvidenceWasPooledRestartsTheEvidence() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    command(approve("a-1", 1, 2));
    windows(2, 3, "v1", "v2");
    // What such a state restores as: a candidate profile over the rollout, no baseline one.
    gate.state().rolloutBaselineProfile = null;
    gate.state().rolloutWindowStart = null;
    gate.state().stageCandidateRecords = 0;
    gate.state().stageBaselineRecords = 0;
    evaluations.clear();

    windows(3, 4, "v1", "v2");

    assertThat(evaluations)
        .extracting(Evaluation::candidateCount, Evaluation::baselineCount, Evaluation::windowStart)
        .containsExactly(tuple(300L, 300L, minute(3)));
  }

  @Test
  void aRepeatedCommandIdChangesNothingAndDecidesNothing() {
    command(start("v2", "v1", 0));
    command(pause("p-1", 1));
    RolloutStatus paused = gate.state().status();

    command(pause("p-1", 2));
    command(start("v2", "v1", 3));

    assertThat(kinds()).containsExactly(DecisionKind.STARTED, DecisionKind.PAUSED);
    assertThat(duplicates).extracting(Command::commandId).containsExactly("p-1", "start-v2");
    assertThat(gate.state().status()).isEqualTo(paused);

    command(pause("p-2", 4));

    assertThat(decisions)
        .extracting(Decision::kind, Decision::reason, Decision::message)
        .endsWith(
            tuple(DecisionKind.REJECTED, RejectReason.ALREADY_PAUSED, "rollout is already paused"));
  }

  @Test
  void aRestoredGateStillKnowsTheCommandsItAnswered() throws Exception {
    command(start("v2", "v1", 0));
    command(pause("p-1", 1));
    DatasetGateTest restored = new DatasetGateTest();
    restored.gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, roundTrip(gate.state()));

    restored.command(pause("p-1", 2));

    assertThat(restored.decisions).isEmpty();
    assertThat(restored.duplicates).hasSize(1);
  }

  @Test
  void stateSavedBeforeCommandIdsWereKeptAnswersEveryCommand() {
    command(start("v2", "v1", 0));
    gate.state().recentCommandIds = null; // what such a state restores as

    command(pause("p-1", 1));
    command(pause("p-1", 2));

    assertThat(kinds()).containsExactly(DecisionKind.STARTED, DecisionKind.PAUSED);
  }

  @Test
  void anApprovalGivenInAdvanceIsAppliedWhenItsStageIsDue() {
    command(start("v2", "v1", 0));
    command(approve("a-1", 1, 1));
    assertThat(decisions).as("kept, not answered yet").hasSize(1);

    windows(0, 3, "v1", "v2");

    assertThat(decisions)
        .extracting(Decision::kind, Decision::actor)
        .containsSubsequence(
            tuple(DecisionKind.AWAITING_APPROVAL, Decision.AUTOMATIC),
            tuple(DecisionKind.APPROVED, "alice"));
    Decision approved =
        decisions.stream().filter(d -> d.kind() == DecisionKind.APPROVED).findFirst().orElseThrow();
    assertThat(approved.message())
        .startsWith("stage 2 of 3 approved in advance (command a-1 at " + minute(1) + ")");
  }

  /**
   * Bounded state: a rollout that ends, however it ends, leaves nothing of itself but its status
   * and what the next rollout needs (the reference profile after a promotion): no evidence, no
   * bets, no approvals given in advance.
   */
  @Test
  void aRolloutThatEndsLeavesNoEvidenceOrApprovalsBehind() {
    command(start("v2", "v1", 0));
    command(approve("a-1", 1, 1));
    windows(0, 6, "v1", "v2");
    assertThat(gate.state().status().phase()).isEqualTo(Phase.PROMOTED);
    assertThatEvidenceIsGone();
    byte[] reference = gate.state().referenceProfile;
    assertThat(reference).isNotNull();

    command(new Command.Start("start-v3", "it.features", "bot", minute(6), "v3", "v2", null));
    command(new Command.Approve("a-2", "it.features", "alice", minute(6), 1));
    windows(6, 7, "v2", "v3");
    assertThat(gate.state().rolloutCandidateProfile).isNotNull();
    assertThat(gate.state().status().advanceApprovals().approvals()).hasSize(1);
    command(new Command.ManualRollback("rb-v3", "it.features", "ops", minute(7), "incident"));

    assertThat(gate.state().status().phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThatEvidenceIsGone();
    assertThat(gate.state().referenceProfile).isEqualTo(reference);
  }

  private void assertThatEvidenceIsGone() {
    GateState state = gate.state();
    assertThat(state.rolloutCandidateProfile).isNull();
    assertThat(state.rolloutBaselineProfile).isNull();
    assertThat(state.rolloutWindowStart).isNull();
    assertThat(state.windowBets).isNull();
    assertThat(state.stageCandidateRecords).isZero();
    assertThat(state.stageBaselineRecords).isZero();
    assertThat(state.status().advanceApprovals().approvals()).isEmpty();
  }

  @Test
  void windowsOfVersionsOutsideTheRolloutChangeNothing() {
    command(start("v2", "v1", 0));
    int before = decisions.size();
    windows(0, 3, "v7");

    assertThat(decisions).hasSize(before);
    assertThat(evaluations).isEmpty();
  }

  @Test
  void aStageHeldPastItsDeadlineRollsBackAndWithdrawsTheRouting() {
    RolloutPlan plan =
        new RolloutPlan(
            List.of(
                new Stage(1_000, Duration.ofMinutes(1), 200, false, Duration.ofMinutes(3)),
                new Stage(10_000, Duration.ZERO, 0, false)),
            2,
            DeadlineAction.ROLLBACK);
    command(new Command.Start("start-v2", "it.features", "bot", minute(0), "v2", "v1", plan));
    windows(0, 4, "v2");

    assertThat(decisions)
        .extracting(Decision::kind, Decision::reason)
        .containsExactly(
            tuple(DecisionKind.STARTED, ProgressReason.COMMANDED),
            tuple(DecisionKind.HELD, HoldReason.NO_DATA),
            tuple(DecisionKind.ROLLED_BACK, RollbackReason.STAGE_DEADLINE));
    assertThat(decisions.get(2).message())
        .startsWith(
            "stage 1 of 2 ran PT3M, past its maxDuration PT3M, held by NO_DATA: no data for")
        .contains("(no baseline records yet)");
    assertThat(routing.get(routing.size() - 1))
        .isEqualTo(new RoutingEntry("it.features", "v1", null, 0, "it.features/v2", -1));
    assertThat(evaluations).as("nothing is judged after the rollback").hasSize(3);
  }

  @Test
  void windowsThatEndedBeforeTheRolloutStartedAreNotPartOfIt() {
    // The start was applied ahead of the watermark: windows event time puts before it come after.
    command(start("v2", "v1", 3));
    windows(0, 3, "v1", "v2");

    assertThat(evaluations).isEmpty();
    assertThat(kinds()).containsExactly(DecisionKind.STARTED);

    windows(3, 4, "v1", "v2");
    assertThat(evaluations)
        .singleElement()
        .satisfies(e -> assertThat(e.windowStart()).isEqualTo(minute(3)));
  }

  @Test
  void noDecisionIsDatedBeforeAnInputAppliedEarlier() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);

    // An approval applied ahead of the watermark, then the windows it overtook.
    command(approve("a-1", 1, 6));
    windows(2, 5, "v1", "v2");
    // A command read late, behind everything applied so far.
    command(pause("p-1", 4));

    List<Decision> afterApproval =
        decisions.subList(kinds().indexOf(DecisionKind.APPROVED), decisions.size());
    assertThat(afterApproval)
        .extracting(Decision::kind)
        .contains(DecisionKind.HELD, DecisionKind.PAUSED);
    assertThat(afterApproval).allSatisfy(d -> assertThat(d.at()).isEqualTo(minute(6)));
    assertThat(gate.state().status().stageStartedAt()).isEqualTo(minute(6));
  }

  // --- helpers ---

  /** The state as Flink keeps it: Java-serialized. */
  /**
   * An upgrade from a savepoint replaces the contract: field y removed, z added. The rollout's
   * profiles no longer fit; the gate restarts its evidence once, says why, and the rollout goes on
   * to promotion under the new contract instead of failing on every window.
   */
  @Test
  void aContractChangedUnderARolloutRestartsItsEvidenceWithTheReason() throws Exception {
    command(start("v2", "v1", 0));
    windows(0, 1, "v1", "v2");
    gate = new DatasetGate(CHANGED, ProfileSettings.DEFAULTS, roundTrip(gate.state()));
    evaluations.clear();
    windows(CHANGED, 1, 3, "v1", "v2");

    Decision restart =
        decisions.stream()
            .filter(d -> d.reason() == HoldReason.EVIDENCE_RESTARTED)
            .findFirst()
            .orElseThrow();
    assertThat(restart.kind()).isEqualTo(DecisionKind.HELD);
    assertThat(restart.message()).contains("fields added: [z]").contains("fields removed: [y]");
    assertThat(evaluations)
        .extracting(Evaluation::candidateCount)
        .as("evidence counted from the first window under the new contract")
        .containsExactly(300L, 600L);
    assertThat(evaluations).extracting(Evaluation::windowStart).containsOnly(minute(1));

    command(approve("a-1", 1, 3));
    windows(CHANGED, 3, 8, "v1", "v2");
    assertThat(gate.state().status().phase()).isEqualTo(Phase.PROMOTED);
    assertThat(decisions).filteredOn(d -> d.reason() == HoldReason.EVIDENCE_RESTARTED).hasSize(1);
  }

  /** The integration contract with field y replaced by a new numeric field z. */
  private static final DataContract CHANGED =
      ContractLoader.load(
          readContract()
              .replace(
                  """
                        - name: y
                          logicalType: number
                  """,
                  """
                        - name: z
                          logicalType: number
                  """),
          "it.features, y replaced by z");

  private static String readContract() {
    try {
      return java.nio.file.Files.readString(
          Path.of("src/test/resources/it-contracts/it.features.yaml"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] serialized(GateState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
    }
    return bytes.toByteArray();
  }

  private static GateState roundTrip(GateState state) throws Exception {
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(serialized(state)))) {
      return (GateState) in.readObject();
    }
  }

  private void command(Command command) {
    collect(out -> gate.onCommand(command, out));
  }

  private void windows(int fromMinute, int untilMinute, String... versions) {
    windows(CONTRACT, fromMinute, untilMinute, versions);
  }

  private void windows(DataContract contract, int fromMinute, int untilMinute, String... versions) {
    for (int m = fromMinute; m < untilMinute; m++) {
      Map<String, DatasetProfile> profiles = new HashMap<>();
      for (String version : versions) {
        profiles.put(version, window(contract, version, m));
      }
      int minute = m;
      collect(out -> gate.onWindow(minute(minute), minute(minute + 1), profiles, out));
    }
  }

  private void collect(java.util.function.Consumer<GateOutput> step) {
    GateOutput out = new GateOutput();
    step.accept(out);
    decisions.addAll(out.decisions());
    evaluations.addAll(out.evaluations());
    out.routing().forEach(update -> routing.add(update.entry()));
    duplicates.addAll(out.duplicates());
  }

  private List<DecisionKind> kinds() {
    return decisions.stream().map(Decision::kind).toList();
  }

  private static DatasetProfile window(String version, int minute) {
    return window(CONTRACT, version, minute);
  }

  private static DatasetProfile window(DataContract contract, String version, int minute) {
    return ItFeatureWindows.window(contract, version, minute, 0.0);
  }

  private static Command.Start start(String candidate, String baseline, int atMinute) {
    return new Command.Start(
        "start-" + candidate, "it.features", "bot", minute(atMinute), candidate, baseline, null);
  }

  private static Command.Approve approve(String id, int stageIndex, int atMinute) {
    return new Command.Approve(id, "it.features", "alice", minute(atMinute), stageIndex);
  }

  private static Command.Pause pause(String id, int atMinute) {
    return new Command.Pause(id, "it.features", "alice", minute(atMinute));
  }

  private static Instant minute(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
