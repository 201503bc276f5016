package io.driftgate.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.Reason;
import io.driftgate.rollout.RollbackReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Named instants, gate results and decisions of one rollout: {@code features.customer_profile} v2
 * against v1.
 */
final class StoreFixtures {

  static final String DATASET = "features.customer_profile";
  static final String BASELINE = "v1";
  static final String CANDIDATE = "v2";

  static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
  static final Instant WINDOW_END = T0.plus(Duration.ofMinutes(50));
  static final Instant WINDOW_START = WINDOW_END.minus(Duration.ofMinutes(10));
  static final Instant DECIDED = WINDOW_END.plusSeconds(1);

  private StoreFixtures() {}

  static GateResult pass(String gate) {
    return gate(gate, Verdict.PASS, false, 0.004, 0.6);
  }

  static GateResult breach(String gate) {
    return gate(gate, Verdict.BREACH, false, 0.081, 0.0004);
  }

  static GateResult criticalBreach(String gate) {
    return gate(gate, Verdict.BREACH, true, 0.2, 0.0001);
  }

  static GateResult gate(
      String gate, Verdict verdict, boolean critical, double statistic, double pValue) {
    Evidence evidence =
        new Evidence(
            "ks-sketch",
            statistic,
            0.03,
            0.01,
            pValue,
            Double.NaN,
            0.002,
            0.0125,
            20_000,
            19_000,
            WINDOW_START,
            WINDOW_END);
    return new GateResult(gate, gate.substring(gate.indexOf(':') + 1), verdict, critical, evidence);
  }

  /**
   * An outcome gate's breach: the exposed cohort's mean score 0.49 against the control's 0.5, with
   * the evidence {@code OutcomeJudge} writes (no field, the means of both cohorts).
   */
  static GateResult outcomeBreach(String gate) {
    Evidence evidence =
        new Evidence(
            "mean-difference-msprt",
            -0.01,
            0.005,
            0.004,
            0.0003,
            0.0001,
            0.0,
            0.0125,
            1_200,
            10_800,
            WINDOW_START,
            WINDOW_END,
            0.49,
            0.5);
    return new GateResult(gate, null, Verdict.BREACH, true, evidence);
  }

  static Evaluation evaluation(GateResult... results) {
    return new Evaluation(
        DATASET, CANDIDATE, BASELINE, WINDOW_START, WINDOW_END, 20_000, 19_000, List.of(results));
  }

  static Decision rollback(long sequence, List<GateResult> evidence) {
    return decision(
        sequence,
        DecisionKind.ROLLED_BACK,
        Phase.STAGE,
        Phase.ROLLED_BACK,
        0,
        RollbackReason.PERSISTENT_BREACH,
        "drift:age breached 3 windows in a row",
        evidence);
  }

  static Decision promotion(long sequence) {
    return decision(
        sequence,
        DecisionKind.PROMOTED,
        Phase.STAGE,
        Phase.PROMOTED,
        10_000,
        ProgressReason.GATES_PASSED,
        "all gates passed at 100%",
        List.of(pass("drift:age"), pass("drift:country")));
  }

  static Decision hold(long sequence) {
    return decision(
        sequence,
        DecisionKind.HELD,
        Phase.STAGE,
        Phase.STAGE,
        100,
        HoldReason.MIN_SAMPLES,
        "waiting for 1000 samples",
        List.of());
  }

  static Decision decision(
      long sequence,
      DecisionKind kind,
      Phase from,
      Phase to,
      int exposure,
      Reason reason,
      String message,
      List<GateResult> evidence) {
    return new Decision(
        UUID.nameUUIDFromBytes((DATASET + "#" + sequence).getBytes(UTF_8)),
        sequence,
        DATASET,
        CANDIDATE,
        BASELINE,
        kind,
        from,
        to,
        4,
        exposure,
        true,
        reason,
        message,
        evidence,
        Decision.AUTOMATIC,
        DECIDED.plusSeconds(sequence));
  }
}
