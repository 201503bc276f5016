package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftCheck;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.LogicalType;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import java.time.Duration;
import java.time.Instant;
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
  void nullSpikeBreachesOnlyThatFieldsNullGate() {
    SplittableRandom random = new SplittableRandom(1);
    ValidationRollout.feed(baseline, random, 5_000, -1, 0, 0);
    ValidationRollout.feed(candidate, random, 5_000, -1, 0, 0);
    for (int i = 0; i < 1_000; i++) {
      candidate.recordObserved(0, 0, false);
      candidate.field("f3").addNull();
    }
    Evaluation evaluation = evaluate();
    assertThat(evaluation.breaches()).extracting(GateResult::gate).containsExactly("null_rate:f3");
    GateResult gate = evaluation.breaches().get(0);
    assertThat(gate.evidence().statistic()).isGreaterThan(0.17);
    assertThat(gate.evidence().pValue()).isLessThan(gate.evidence().alpha());
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

  private Evaluation evaluate() {
    return DriftEvaluator.evaluate(CONTRACT, candidate, baseline, START, START.plusSeconds(60));
  }
}
