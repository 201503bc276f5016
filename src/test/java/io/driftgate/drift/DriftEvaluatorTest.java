package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftCheck;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.Freshness;
import io.driftgate.contract.LogicalType;
import io.driftgate.contract.QualityMetric;
import io.driftgate.contract.RateDriftGate;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.profile.CategorySummary;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each kind of gate breaches on the defect it exists for, and only that gate does. */
class DriftEvaluatorTest {

  private static final DataContract CONTRACT = ValidationRollout.contract();
  private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

  private final DatasetProfile candidate =
      DatasetProfile.forContract(CONTRACT, "v2", ProfileSettings.DEFAULTS);
  private final DatasetProfile baseline =
      DatasetProfile.forContract(CONTRACT, "v1", ProfileSettings.DEFAULTS);

  @Test
  void nullSpikeBreachesOnlyThatFieldsNullGates() {
    SplittableRandom random = new SplittableRandom(1);
    ValidationRollout.feed(baseline, random, 5_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 5_000, -1, 0, 0);
    for (int i = 0; i < 1_000; i++) {
      candidate.recordObserved(0, 0, false);
      candidate.field("f3").addNull();
    }
    Evaluation evaluation = evaluate();
    // Above its maximum, and worse than the baseline's 1% by far more than two points.
    assertThat(evaluation.breaches())
        .extracting(GateResult::gate)
        .containsExactly("null_rate:f3", "null_rate_drift:f3");
    GateResult gate = evaluation.breaches().get(0);
    assertThat(gate.evidence().statistic()).isGreaterThan(0.17);
    assertThat(gate.evidence().pValue()).isLessThan(gate.evidence().alpha());
  }

  @Test
  void nullRateRisingUnderItsMaximumBreachesOnlyTheComparisonWithTheBaseline() {
    SplittableRandom random = new SplittableRandom(6);
    ValidationRollout.feed(baseline, random, 20_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 20_000, -1, 0, 0);
    for (int i = 0; i < 750; i++) { // f3: about 1% nulls to about 4.6%, under its maximum of 5%
      candidate.recordObserved(0, 0, false);
      candidate.field("f3").addNull();
    }

    Evaluation evaluation = evaluate();

    assertThat(evaluation.breaches())
        .extracting(GateResult::gate)
        .containsExactly("null_rate_drift:f3");
    GateResult gate = evaluation.breaches().get(0);
    assertThat(gate.field()).isEqualTo("f3");
    assertThat(gate.critical()).isFalse();
    Evidence evidence = gate.evidence();
    double candidateRate = (double) candidate.field("f3").nulls() / candidate.records();
    double baselineRate = (double) baseline.field("f3").nulls() / baseline.records();
    assertThat(evidence.method()).isEqualTo("rate-drift-e-process");
    assertThat(evidence.statistic()).isEqualTo(candidateRate - baselineRate).isBetween(0.03, 0.04);
    assertThat(evidence.threshold()).isEqualTo(RateDriftGate.DEFAULT_FLOOR);
    assertThat(evidence.alpha()).isEqualTo(AlphaBudget.perGate(CONTRACT));
    assertThat(evidence.pValue()).isLessThan(evidence.alpha());
    assertThat(evidence.candidateCount()).isEqualTo(20_750);
    assertThat(evidence.baselineCount()).isEqualTo(20_000);
  }

  @Test
  void fewerNullsThanTheBaselineNeverBreach() {
    SplittableRandom random = new SplittableRandom(7);
    ValidationRollout.feed(baseline, random, 20_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 20_000, -1, 0, 0);
    for (int i = 0; i < 5_000; i++) { // the baseline's f3 has 20% nulls, the candidate's 1%
      baseline.recordObserved(0, 0, false);
      baseline.field("f3").addNull();
    }

    Evaluation evaluation = evaluate();

    assertThat(evaluation.breaches()).isEmpty();
    assertThat(gate(evaluation, "null_rate_drift:f3").evidence())
        .returns(1.0, Evidence::pValue)
        .satisfies(e -> assertThat(e.statistic()).isLessThan(-0.15));
  }

  @Test
  void moreViolatingRecordsBreachTheCriticalDatasetComparison() {
    SplittableRandom random = new SplittableRandom(8);
    ValidationRollout.feed(baseline, random, 20_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 20_000, -1, 0, 0);
    for (int i = 0; i < 1_500; i++) {
      candidate.recordObserved(0, 0, true);
    }

    Evaluation evaluation = evaluate();

    // 7% violating against none: above the maximum of 2%, and more than two points worse.
    assertThat(evaluation.breaches())
        .extracting(GateResult::gate)
        .containsExactly("violation_rate", "violation_rate_drift");
    assertThat(gate(evaluation, "violation_rate_drift"))
        .returns(null, GateResult::field)
        .returns(true, GateResult::critical);
    assertThat(evaluation.hasCriticalBreach()).isTrue();
  }

  @Test
  void fieldViolationsAndStaleRecordsAreComparedWhenTheContractAsks() {
    DataContract contract =
        new DataContract(
            "orders",
            "1",
            false,
            List.of(
                new FieldSpec(
                    "status",
                    LogicalType.STRING,
                    false,
                    false,
                    null,
                    null,
                    List.of(),
                    DriftCheck.none(),
                    List.of(),
                    List.of(
                        new RateDriftGate(QualityMetric.VIOLATION_RATE, "status", 0.01, true)))),
            List.of(),
            List.of(new RateDriftGate(QualityMetric.STALE_RATE, null, 0.01, false)),
            new Freshness(Duration.ofMinutes(15)),
            new RolloutPlan(List.of(new Stage(10000, Duration.ZERO, 0, false)), 1),
            0.01);
    DatasetProfile cand = DatasetProfile.forContract(contract, "v2", ProfileSettings.DEFAULTS);
    DatasetProfile base = DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS);
    long late = Duration.ofHours(1).toMillis();
    for (int i = 0; i < 10_000; i++) {
      base.recordObserved(0, 1_000, false);
      cand.recordObserved(0, i % 10 == 0 ? late : 1_000, i % 20 == 0); // 10% stale, 5% invalid
      if (i % 20 == 0) {
        cand.field("status").addViolation();
      }
    }

    Evaluation evaluation = DriftEvaluator.evaluate(contract, cand, base, START, START);

    assertThat(evaluation.results())
        .extracting(GateResult::gate, GateResult::verdict)
        .containsExactly(
            tuple("violation_rate_drift:status", Verdict.BREACH),
            tuple("stale_rate_drift", Verdict.BREACH));
    assertThat(gate(evaluation, "stale_rate_drift").evidence().statistic())
        .isCloseTo(0.1, within(1e-12));
    assertThat(evaluation.results()).hasSize(AlphaBudget.gateCount(contract));
  }

  @Test
  void theBudgetCountsEveryGateEvaluated() {
    Evaluation evaluation = evaluate();

    // 15 KS, 5 x (categorical + unseen), 20 null maxima, 20 null comparisons, 2 dataset maxima,
    // the violating share's comparison.
    assertThat(evaluation.results()).hasSize(68);
    assertThat(AlphaBudget.gateCount(CONTRACT)).isEqualTo(68);
  }

  @Test
  void categoricalShiftAndNewCategoryBreachTheirGates() {
    SplittableRandom random = new SplittableRandom(2);
    ValidationRollout.feed(baseline, random, 20_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 20_000, -1, 0, 0);
    for (int i = 0; i < 3_000; i++) {
      candidate.recordObserved(0, 0, false);
      candidate.field("f16").addCategory("diamond");
    }
    Evaluation evaluation = evaluate();
    assertThat(evaluation.breaches())
        .extracting(GateResult::gate)
        .containsExactlyInAnyOrder("drift:f16", "unseen:f16");
    assertThat(gate(evaluation, "drift:f16").evidence().method()).isEqualTo("chi2-e-process");
    Evidence unseen = gate(evaluation, "unseen:f16").evidence();
    assertThat(unseen.method()).isEqualTo("novelty-e-process");
    // 3,000 of about 22,800 records are new; the baseline's five segments are never seen once.
    assertThat(unseen.statistic()).isCloseTo(3_000.0 / 22_800, within(0.002));
  }

  @Test
  void aShiftBetweenTwoCategoriesOfOneHashBucketBreaches() {
    // Two labels that share a pool bucket: the old test compared buckets and saw nothing here.
    CategorySummary probe = new CategorySummary(ProfileSettings.DEFAULTS);
    String first = "label-0";
    String second = null;
    for (int i = 1; second == null; i++) {
      if (probe.bucketOf("label-" + i) == probe.bucketOf(first)) {
        second = "label-" + i;
      }
    }
    String[] labels = new String[20];
    labels[0] = first;
    labels[1] = second;
    for (int i = 2; i < labels.length; i++) {
      labels[i] = "other-" + i;
    }
    double[] before = new double[20];
    double[] after = new double[20];
    Arrays.fill(before, 0.8 / 18);
    Arrays.fill(after, 0.8 / 18);
    before[0] = 0.10;
    before[1] = 0.10;
    after[0] = 0.14;
    after[1] = 0.06;
    SplittableRandom random = new SplittableRandom(8);
    CategoryDraws baselineDraws = new CategoryDraws(labels, before);
    CategoryDraws candidateDraws = new CategoryDraws(labels, after);
    for (int i = 0; i < 20_000; i++) {
      baseline.field("f16").addCategory(baselineDraws.draw(random));
      candidate.field("f16").addCategory(candidateDraws.draw(random));
    }

    Evaluation evaluation = evaluate();

    assertThat(evaluation.breaches()).extracting(GateResult::gate).containsExactly("drift:f16");
  }

  @Test
  void anIdLikeFieldBreachesNeitherCategoricalGateEvenWhenNoValueRecurs() {
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 5_000; i++) {
      baseline.field("f16").addCategory("id-" + random.nextInt(1_000_000));
      candidate.field("f16").addCategory("new-id-" + random.nextInt(1_000_000));
    }

    Evaluation evaluation = evaluate();

    assertThat(evaluation.breaches()).isEmpty();
    assertThat(List.of(gate(evaluation, "drift:f16"), gate(evaluation, "unseen:f16")))
        .allSatisfy(r -> assertThat(r.evidence().method()).isEqualTo(DriftEvaluator.ID_LIKE));
    // Every candidate value is new, as almost every baseline value was to the baseline itself.
    assertThat(gate(evaluation, "unseen:f16").evidence().statistic()).isLessThan(0.01);
  }

  @Test
  void numericShiftBreachesWithEvidence() {
    SplittableRandom random = new SplittableRandom(3);
    ValidationRollout.feed(baseline, random, 30_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 30_000, 0, 0.5, 0);
    Evaluation evaluation = evaluate();
    assertThat(evaluation.breaches()).extracting(GateResult::gate).containsExactly("drift:f0");
    Evidence evidence = evaluation.breaches().get(0).evidence();
    assertThat(evidence.method()).isEqualTo("ks-binned");
    // N(0.5,1) vs N(0,1): true D = 2*Phi(0.25) - 1 = 0.1974.
    assertThat(evidence.statistic()).isBetween(0.1974 - 0.02, 0.1974 + 0.01);
    assertThat(evidence.statistic()).isGreaterThan(evidence.margin());
    assertThat(evidence.candidateCount()).isGreaterThan(29_000);
  }

  @Test
  void emptyBaselineIsNoDataNotPass() {
    ValidationRollout.feed(candidate, new SplittableRandom(4), 100, -1, 0, 0);
    Evaluation evaluation = evaluate();
    assertThat(evaluation.results())
        .filteredOn(r -> r.gate().startsWith("drift:"))
        .allMatch(r -> r.verdict() == Verdict.NO_DATA);
    assertThat(evaluation.results())
        .filteredOn(r -> r.gate().contains("_drift"))
        .hasSize(21)
        .allMatch(r -> r.verdict() == Verdict.NO_DATA)
        .allMatch(r -> r.evidence().candidateCount() == 100 && r.evidence().baselineCount() == 0);
  }

  @Test
  void healthyIntegerFieldPastTheExactLimitPassesWithoutSketchError() {
    DataContract ages =
        new DataContract(
            "people",
            "1",
            false,
            List.of(
                new FieldSpec(
                    "age",
                    LogicalType.INTEGER,
                    false,
                    false,
                    null,
                    null,
                    List.of(),
                    DriftCheck.defaultFor(DriftTest.KS),
                    List.of())),
            List.of(),
            null,
            new RolloutPlan(List.of(new Stage(10000, Duration.ZERO, 0, false)), 1),
            0.01);
    DatasetProfile cand = DatasetProfile.forContract(ages, "v2", ProfileSettings.DEFAULTS);
    DatasetProfile base = DatasetProfile.forContract(ages, "v1", ProfileSettings.DEFAULTS);
    SplittableRandom random = new SplittableRandom(5);
    for (DatasetProfile profile : List.of(cand, base)) {
      for (int i = 0; i < 50_000; i++) {
        profile.recordObserved(0, 0, false);
        profile.field("age").addNumber(random.nextInt(18, 96));
      }
    }

    GateResult gate =
        DriftEvaluator.evaluate(ages, cand, base, START, START.plusSeconds(60)).results().get(0);

    assertThat(gate.verdict()).isEqualTo(Verdict.PASS);
    assertThat(gate.evidence().method()).isEqualTo("ks-exact");
    assertThat(gate.evidence().sketchError()).isZero();
  }

  private static GateResult gate(Evaluation evaluation, String name) {
    return evaluation.results().stream()
        .filter(r -> r.gate().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private Evaluation evaluate() {
    return DriftEvaluator.evaluate(CONTRACT, candidate, baseline, START, START.plusSeconds(60));
  }
}
