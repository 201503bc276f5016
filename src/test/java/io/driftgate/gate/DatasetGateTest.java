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
import io.driftgate.profile.RecordProfiler;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.routing.RoutingEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-dataset gate without Flink: windows and commands in, decisions and routing out. */
class DatasetGateTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int ROWS = 300;

  private final DatasetGate gate =
      new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingEntry> routing = new ArrayList<>();

  @Test
  void healthyRolloutAdvancesWithApprovalAndPromotionSavesTheReferenceProfile() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    assertThat(gate.stageAwaitingApproval()).isEqualTo(1);

    apply(new Approval("a-1", "it.features", 1, "alice", minute(1)), minute(2));
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
  void eachStageIsJudgedOnItsOwnRecords() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    apply(new Approval("a-1", "it.features", 1, "alice", minute(1)), minute(2));
    windows(2, 3, "v1", "v2");

    assertThat(evaluations)
        .extracting(Evaluation::candidateCount)
        .containsExactly(300L, 600L, 300L);
    assertThat(evaluations.get(2).windowStart()).isEqualTo(minute(2));
  }

  @Test
  void aSilentBaselineIsReplacedByThePromotedVersionsReferenceProfile() {
    command(start("v2", "v1", 0));
    windows(0, 2, "v1", "v2");
    apply(new Approval("a-1", "it.features", 1, "alice", minute(1)), minute(2));
    windows(2, 6, "v1", "v2");
    evaluations.clear();

    command(start("v3", "v2", 6));
    windows(6, 7, "v3");

    Evaluation first = evaluations.get(0);
    assertThat(first.baselineVersion()).isEqualTo("v2");
    // v2 was promoted at the end of minute 5: its rollout profile holds minutes 0 to 4.
    assertThat(first.baselineCount()).isEqualTo(5 * ROWS);
  }

  @Test
  void anApprovalCountsOnlyForTheRolloutRunningWhenItWasGiven() {
    Approval tooEarly = new Approval("a-0", "it.features", 1, "alice", minute(0));
    command(start("v2", "v1", 1));
    windows(1, 3, "v1", "v2");

    assertThat(gate.stageAwaitingApproval()).isEqualTo(1);
    assertThat(gate.applies(tooEarly, minute(3))).isFalse();
    assertThat(gate.applies(new Approval("a-1", "it.features", 2, "alice", minute(2)), minute(3)))
        .as("another stage")
        .isFalse();
    assertThat(gate.applies(new Approval("a-2", "it.features", 1, "alice", minute(4)), minute(3)))
        .as("given after now")
        .isFalse();
    assertThat(gate.applies(new Approval("a-3", "it.features", 1, "alice", minute(2)), minute(3)))
        .isTrue();
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
        .startsWith("stage 0 ran PT3M, past its maxDuration PT3M, held by NO_DATA: no data for");
    assertThat(routing.get(routing.size() - 1))
        .isEqualTo(new RoutingEntry("it.features", "v1", null, 0, "it.features/v2", -1));
    assertThat(evaluations).as("nothing is judged after the rollback").hasSize(3);
  }

  // --- helpers ---

  private void command(Command command) {
    collect(out -> gate.onCommand(command, out));
  }

  private void apply(Approval approval, Instant now) {
    collect(out -> gate.applyApproval(approval, now, out));
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

  private void collect(java.util.function.Consumer<GateOutput> step) {
    GateOutput out = new GateOutput();
    step.accept(out);
    decisions.addAll(out.decisions());
    evaluations.addAll(out.evaluations());
    out.routing().forEach(update -> routing.add(update.entry()));
  }

  private List<DecisionKind> kinds() {
    return decisions.stream().map(Decision::kind).toList();
  }

  private static DatasetProfile window(String version, int minute) {
    DatasetProfile profile =
        DatasetProfile.forContract(CONTRACT, version, ProfileSettings.DEFAULTS);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    SplittableRandom random = new SplittableRandom(version.hashCode() * 31L + minute);
    for (int r = 0; r < ROWS; r++) {
      long eventTime = minute(minute).toEpochMilli() + r * 200L;
      Map<String, Object> fields = new HashMap<>();
      fields.put("id", version + "-" + minute + "-" + r);
      fields.put("x", random.nextGaussian());
      fields.put("seg", new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
      fields.put("y", random.nextDouble());
      profiler.observe(profile, fields, eventTime, eventTime + 500);
    }
    return profile;
  }

  private static Command.Start start(String candidate, String baseline, int atMinute) {
    return new Command.Start(
        "start-" + candidate, "it.features", "bot", minute(atMinute), candidate, baseline, null);
  }

  private static Instant minute(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
