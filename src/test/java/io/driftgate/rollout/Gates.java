package io.driftgate.rollout;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import java.time.Instant;

/** Gate results for tests, with plausible evidence: a breach's statistic exceeds its floor. */
final class Gates {

  static final String AGE = "drift:age";
  static final String COUNTRY = "drift:country";
  static final String NULLS = "null_rate:age";
  static final String SCHEMA = "violation_rate:schema";

  private Gates() {}

  static GateResult pass(String gate) {
    return result(gate, Verdict.PASS, false, 0.004);
  }

  static GateResult breach(String gate) {
    return result(gate, Verdict.BREACH, false, 0.081);
  }

  static GateResult criticalBreach(String gate) {
    return result(gate, Verdict.BREACH, true, 0.2);
  }

  static GateResult inconclusive(String gate) {
    return result(gate, Verdict.INCONCLUSIVE, false, 0.02);
  }

  /** A gate whose baseline has no records yet, as the evaluator reports it. */
  static GateResult noData(String gate) {
    Instant end = RolloutTestBase.T0;
    Evidence evidence =
        new Evidence(
            "none",
            Double.NaN,
            0.03,
            Double.NaN,
            1.0,
            Double.NaN,
            0,
            0.01,
            20_000,
            0,
            end.minusSeconds(600),
            end);
    return new GateResult(
        gate, gate.substring(gate.indexOf(':') + 1), Verdict.NO_DATA, false, evidence);
  }

  private static GateResult result(String gate, Verdict verdict, boolean critical, double d) {
    Instant end = RolloutTestBase.T0;
    Evidence evidence =
        new Evidence(
            "ks-exact",
            d,
            0.03,
            0.01,
            verdict == Verdict.BREACH ? 0.0004 : 0.6,
            Double.NaN,
            0,
            0.01,
            20_000,
            20_000,
            end.minusSeconds(600),
            end);
    return new GateResult(gate, gate.substring(gate.indexOf(':') + 1), verdict, critical, evidence);
  }
}
