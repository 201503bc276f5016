package io.driftgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.Preflight;
import io.driftgate.rollout.RejectReason;
import io.driftgate.routing.RoutingEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A start that brings its whole candidate: the gate judges the preflight with its own contract
 * before anyone is exposed, and then the stages on that complete evidence, woken by ticks.
 */
class PreflightGateTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final DatasetGate gate =
      new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingEntry> routing = new ArrayList<>();

  @Test
  void aPassingPreflightStartsStageOneAndTicksCarryTheRolloutToPromotion() {
    command(start("v2", preflight(version("v2", 1500, 0.0), version("v1", 1500, 0.0), 0)));

    Decision started = decisions.get(0);
    assertThat(started.kind()).isEqualTo(DecisionKind.STARTED);
    assertThat(started.message()).contains("preflight passed: 1500 candidate records against 1500");
    assertThat(started.evidence()).isNotEmpty().allMatch(r -> r.verdict() == Verdict.PASS);
    assertThat(evaluations).hasSize(1);
    assertThat(evaluations.get(0).candidateCount()).isEqualTo(1500);
    assertThat(routing).extracting(RoutingEntry::exposureBasisPoints).containsExactly(1000);

    // Stage 1 must last two minutes: the gate asks to be woken then, and nothing moves before.
    assertThat(gate.nextTick()).contains(T0.plus(Duration.ofMinutes(2)));
    tick(T0.plus(Duration.ofMinutes(2)));
    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(decisions.get(decisions.size() - 1).at()).isEqualTo(T0.plus(Duration.ofMinutes(2)));

    command(approve(T0.plus(Duration.ofMinutes(3))));
    assertThat(gate.state().status().phase()).isEqualTo(Phase.STAGE);
    tick(gate.nextTick().orElseThrow());

    assertThat(gate.state().status().phase()).isEqualTo(Phase.PROMOTED);
    assertThat(routing)
        .extracting(RoutingEntry::exposureBasisPoints)
        .containsExactly(1000, 1000, 5000, 10000, 0);
    assertThat(decisions)
        .extracting(Decision::kind)
        .containsSubsequence(
            DecisionKind.STARTED,
            DecisionKind.AWAITING_APPROVAL,
            DecisionKind.APPROVED,
            DecisionKind.ADVANCED,
            DecisionKind.PROMOTED);
    assertThat(gate.nextTick()).isEmpty();
    assertThat(gate.state().referenceVersion()).isEqualTo("v2");
  }

  @Test
  void aCandidateWithARequiredColumnHalfNullFailsPreflightAndExposesNoOne() {
    command(start("v2", preflight(version("v2", 1000, 0.5), version("v1", 1000, 0.0), 0)));

    assertThat(decisions).hasSize(1);
    Decision refused = decisions.get(0);
    assertThat(refused.kind()).isEqualTo(DecisionKind.REJECTED);
    assertThat(refused.reason()).isEqualTo(RejectReason.PREFLIGHT_FAILED);
    assertThat(refused.message()).contains("violation_rate").contains("1000 candidate records");
    assertThat(refused.evidence()).extracting(GateResult::gate).contains("violation_rate");
    assertThat(refused.evidence()).allMatch(r -> r.verdict() == Verdict.BREACH);
    assertThat(routing).isEmpty();
    assertThat(gate.state().status().phase()).isEqualTo(Phase.PENDING);
    assertThat(gate.nextTick()).isEmpty();
    assertThat(evaluations).hasSize(1);
  }

  @Test
  void rowsThatCouldNotBeReadFailThePreflight() {
    command(start("v2", preflight(version("v2", 1000, 0.0), version("v1", 1000, 0.0), 3)));

    assertThat(decisions.get(0).reason()).isEqualTo(RejectReason.PREFLIGHT_FAILED);
    assertThat(decisions.get(0).message())
        .contains("3 rows of the candidate could not be read (parquet:/lake/v2)");
    assertThat(routing).isEmpty();
  }

  @Test
  void profilesOfAnotherVersionAreNotJudged() {
    command(start("v3", preflight(version("v2", 1000, 0.0), version("v1", 1000, 0.0), 0)));

    assertThat(decisions.get(0).reason()).isEqualTo(RejectReason.PREFLIGHT_FAILED);
    assertThat(decisions.get(0).message())
        .contains("the candidate profile is of it.features v2, not it.features v3");
    assertThat(decisions.get(0).evidence()).isEmpty();
  }

  @Test
  void withoutABaselineProfileThereIsNothingToCompareWith() {
    DatasetProfile candidate = version("v2", 1000, 0.0);
    command(start("v2", new Preflight("parquet:/lake/v2", null, candidate.toBytes(), null, 0, 0)));

    assertThat(decisions.get(0).reason()).isEqualTo(RejectReason.PREFLIGHT_FAILED);
    assertThat(decisions.get(0).message())
        .contains("no baseline to compare with")
        .contains("no reference profile of v1");
  }

  @Test
  void windowsOfTheRecordsTopicDoNotChangeCompleteEvidence() {
    command(start("v2", preflight(version("v2", 1500, 0.0), version("v1", 1500, 0.0), 0)));
    // Broken records of the candidate on the topic: a streamed rollout would roll back on them.
    Map<String, DatasetProfile> broken = new HashMap<>();
    broken.put("v2", version("v2", 1000, 0.9));
    collect(
        out ->
            gate.onWindow(
                T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(2)), broken, out));

    assertThat(decisions).extracting(Decision::kind).doesNotContain(DecisionKind.ROLLED_BACK);
    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
  }

  @Test
  void aStartCannotMoveAVersionRecordedElsewhere() {
    DatasetGate recorded =
        new DatasetGate(
            CONTRACT,
            ProfileSettings.DEFAULTS,
            new GateState(),
            CurrentAlias.UNKNOWN,
            (dataset, version) ->
                version.equals("v2")
                    ? Optional.of("s3://lake/it.features/v2-old")
                    : Optional.empty());
    GateOutput out = new GateOutput();
    recorded.onCommand(
        start("v2", preflight(version("v2", 1500, 0.0), version("v1", 1500, 0.0), 0)), out);

    assertThat(out.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.LOCATION_CONFLICT);
              assertThat(d.message())
                  .isEqualTo(
                      "start of v2 refused: v2 of it.features is recorded at s3://lake/it.features/v2-old,"
                          + " not s3://lake/it.features/v2; a version's location never changes (publish"
                          + " the data as a new version)");
            });
    assertThat(out.routing()).isEmpty();
    assertThat(out.started()).isEmpty();

    GateOutput same = new GateOutput();
    new DatasetGate(
            CONTRACT,
            ProfileSettings.DEFAULTS,
            new GateState(),
            CurrentAlias.UNKNOWN,
            (dataset, version) -> Optional.of("s3://lake/it.features/" + version))
        .onCommand(
            start("v2", preflight(version("v2", 1500, 0.0), version("v1", 1500, 0.0), 0)), same);
    assertThat(same.decisions().get(0).kind()).isEqualTo(DecisionKind.STARTED);
    assertThat(same.started()).hasSize(1);
  }

  private void command(Command command) {
    collect(out -> gate.onCommand(command, out));
  }

  private void tick(Instant at) {
    collect(out -> gate.onTick(at, out));
  }

  private void collect(java.util.function.Consumer<GateOutput> step) {
    GateOutput out = new GateOutput();
    step.accept(out);
    decisions.addAll(out.decisions());
    evaluations.addAll(out.evaluations());
    out.routing().forEach(update -> routing.add(update.entry()));
  }

  private static Preflight preflight(DatasetProfile candidate, DatasetProfile baseline, long bad) {
    return new Preflight(
        "parquet:/lake/v2", "parquet:/lake/v1", candidate.toBytes(), baseline.toBytes(), bad, 0);
  }

  /** A whole version: {@code rows} records an hour before the start, {@code nullX} of them null. */
  private static DatasetProfile version(String version, int rows, double nullX) {
    DatasetProfile profile =
        DatasetProfile.forContract(CONTRACT, version, ProfileSettings.DEFAULTS);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    SplittableRandom random = new SplittableRandom(version.hashCode());
    long from = T0.minus(Duration.ofHours(1)).toEpochMilli();
    for (int r = 0; r < rows; r++) {
      long eventTime = from + r * 1000L;
      Map<String, Object> fields = new HashMap<>();
      fields.put("id", version + "-" + r);
      fields.put("x", r < rows * nullX ? null : random.nextGaussian());
      fields.put("seg", new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
      fields.put("y", random.nextDouble());
      profiler.observe(profile, fields, eventTime, eventTime + 500);
    }
    return profile;
  }

  private static Command.Start start(String candidate, Preflight preflight) {
    return new Command.Start(
        "start-" + candidate,
        "it.features",
        "alice",
        T0,
        candidate,
        "v1",
        null,
        "s3://lake/it.features/" + candidate,
        preflight);
  }

  private static Command.Approve approve(Instant at) {
    return new Command.Approve("approve-1", "it.features", "bob", at, 1);
  }
}
