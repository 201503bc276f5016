package io.driftgate.gate;

import static io.driftgate.gate.ItFeatureWindows.CONTRACT;
import static io.driftgate.gate.ItFeatureWindows.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.drift.AlphaBudget;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.outcome.Outcome;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.routing.CohortHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's first acceptance point, at the gate: a candidate whose records are the baseline's but
 * whose exposed consumers' model score drops by 2% passes every data gate and is rolled back by its
 * outcome gate at an early stage, with the metric, both cohorts' counts and means, the margin and
 * the anytime-valid p-value as evidence.
 */
class OutcomeGateRolloutTest {

  private static final OutcomeGate SCORE =
      new OutcomeGate("model_score", OutcomeTest.MEAN, Harm.DECREASE, 0.01, true, true, 500);
  private static final DataContract WITH_OUTCOMES = CONTRACT.withOutcomes(List.of(SCORE));
  private static final String SALT = "it.features/v2";
  private static final int CONSUMERS = 6_000;

  private final DatasetGate gate =
      new DatasetGate(WITH_OUTCOMES, ProfileSettings.DEFAULTS, new GateState());
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<Integer> exposures = new ArrayList<>();
  private long counted;
  private final Map<Object, Long> uncounted = new HashMap<>();

  @Test
  void aScoreTwoPercentLowerForExposedKeysRollsBackWhileOnlyStageOneIsExposed() {
    command(start());
    for (int m = 0; m < 12 && active(); m++) {
      minuteOf(m, -0.01, new SplittableRandom(m));
    }

    Decision rollback = decisions.get(decisions.size() - 1);
    assertThat(rollback.kind()).isEqualTo(DecisionKind.ROLLED_BACK);
    assertThat(rollback.reason()).isEqualTo(RollbackReason.CRITICAL_BREACH);
    assertThat(exposures)
        .as("nobody beyond stage 1's 10% ever read the candidate")
        .containsOnly(1000, 0)
        .endsWith(0);
    GateResult decisive = rollback.evidence().get(0);
    assertThat(decisive.gate()).isEqualTo("outcome:model_score");
    Evidence evidence = decisive.evidence();
    assertThat(evidence.method()).isEqualTo("mean-difference-msprt");
    assertThat(evidence.candidateMean()).isCloseTo(0.49, within(0.005));
    assertThat(evidence.baselineMean()).isCloseTo(0.50, within(0.005));
    assertThat(evidence.candidateCount()).isGreaterThanOrEqualTo(500);
    assertThat(evidence.baselineCount()).isGreaterThan(9 * evidence.candidateCount() / 2);
    assertThat(evidence.statistic()).isLessThan(-evidence.margin());
    assertThat(evidence.pValue()).isLessThanOrEqualTo(AlphaBudget.perGate(WITH_OUTCOMES));
    assertThat(evidence.alpha()).isEqualTo(AlphaBudget.perGate(WITH_OUTCOMES));
    assertThat(rollback.message()).contains("outcome:model_score").contains("exposed mean");

    Evaluation last = evaluations.get(evaluations.size() - 1);
    assertThat(last.results())
        .filteredOn(r -> !OutcomeGate.isOutcome(r.gate()))
        .as("the records are the baseline's: every data gate passes")
        .isNotEmpty()
        .allMatch(r -> r.verdict() == Verdict.PASS);
    // Minute 0's outcomes fall in the settling period of the routing published at the start.
    assertThat(uncounted).containsKey(io.driftgate.outcome.Assignment.Exclusion.SETTLING);
    assertThat(counted).isEqualTo(evidence.candidateCount() + evidence.baselineCount());

    // After the rollback nobody is exposed: the next minute's outcomes count nowhere, but count.
    long before = uncounted.getOrDefault(io.driftgate.outcome.Assignment.Exclusion.NO_ROLLOUT, 0L);
    outcomes(20, 0.0, new SplittableRandom(20), 100);
    assertThat(uncounted.get(io.driftgate.outcome.Assignment.Exclusion.NO_ROLLOUT))
        .isEqualTo(before + 100);
  }

  @Test
  void withoutADifferenceTheOutcomeGatePassesAndTheStageAdvancesOnItsOwnRules() {
    command(start());
    for (int m = 0; m < 3; m++) {
      minuteOf(m, 0.0, new SplittableRandom(100 + m));
    }

    assertThat(gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(decisions).extracting(Decision::kind).doesNotContain(DecisionKind.ROLLED_BACK);
    GateResult outcome =
        evaluations.get(evaluations.size() - 1).results().stream()
            .filter(r -> OutcomeGate.isOutcome(r.gate()))
            .findFirst()
            .orElseThrow();
    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void tooFewExposedObservationsHoldTheStage() {
    command(start());
    // Two minutes of records, but outcomes only from a hundred consumers: ten exposed at most.
    for (int m = 0; m < 3; m++) {
      windows(m);
      outcomes(m, 0.0, new SplittableRandom(m), 100);
    }

    assertThat(gate.state().status().phase()).isEqualTo(Phase.STAGE);
    assertThat(decisions)
        .extracting(Decision::reason)
        .contains(HoldReason.NO_DATA)
        .doesNotContain(HoldReason.AWAITING_APPROVAL);
  }

  private boolean active() {
    return gate.state().status().phase().active();
  }

  /** One minute: the outcomes of every consumer, then both versions' records, identical. */
  private void minuteOf(int minute, double exposedShift, SplittableRandom random) {
    outcomes(minute, exposedShift, random, CONSUMERS);
    windows(minute);
  }

  private void outcomes(int minute, double exposedShift, SplittableRandom random, int consumers) {
    List<Outcome> outcomes = new ArrayList<>();
    int exposure =
        gate.state().routing() == null ? 0 : gate.state().routing().exposureBasisPoints();
    for (int i = 0; i < consumers; i++) {
      String key = "user-" + i;
      boolean exposed = CohortHash.bucket(SALT, key) < exposure;
      double score = 0.5 + 0.1 * random.nextGaussian() + (exposed ? exposedShift : 0);
      long at = minute(minute).toEpochMilli() + 10 * i;
      outcomes.add(Outcome.of("it.features", "model_score", key, score, at, null));
    }
    collect(out -> gate.onOutcomes(minute(minute), minute(minute + 1), outcomes, out));
  }

  private void windows(int minute) {
    Map<String, DatasetProfile> profiles = new HashMap<>();
    // Both versions drawn from one distribution: the candidate's records are the baseline's.
    profiles.put("v1", ItFeatureWindows.window(WITH_OUTCOMES, "v1", minute, 0.0));
    profiles.put("v2", ItFeatureWindows.window(WITH_OUTCOMES, "v2", minute, 0.0));
    collect(out -> gate.onWindow(minute(minute), minute(minute + 1), profiles, out));
  }

  private void command(Command command) {
    collect(out -> gate.onCommand(command, out));
  }

  private void collect(Consumer<GateOutput> step) {
    GateOutput out = new GateOutput();
    step.accept(out);
    decisions.addAll(out.decisions());
    evaluations.addAll(out.evaluations());
    out.routing().forEach(update -> exposures.add(update.entry().exposureBasisPoints()));
    counted += out.countedOutcomes();
    out.uncountedOutcomes().forEach((reason, n) -> uncounted.merge(reason, n, Long::sum));
  }

  private static Command.Start start() {
    return new Command.Start("start-v2", "it.features", "bot", minute(0), "v2", "v1", null);
  }
}
