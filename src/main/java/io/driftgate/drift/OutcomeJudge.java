package io.driftgate.drift;

import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import java.time.Instant;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Judges one outcome gate on its per-stage strata: {@link Verdict#NO_DATA} until both cohorts have
 * the gate's minimum samples (so a stage short of exposed observations holds rather than passes), a
 * breach when the {@link MeanDifferenceTest} is significant at the gate's share of the budget, the
 * difference moves the harmful way, and it is at least the effect floor; a pass otherwise.
 */
public final class OutcomeJudge {

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private OutcomeJudge() {}

  public static GateResult judge(
      OutcomeGate gate,
      List<MeanDifferenceTest.Stratum> strata,
      double alpha,
      Instant windowStart,
      Instant windowEnd) {
    boolean rate = gate.test() == OutcomeTest.RATE;
    MeanDifferenceTest.Result result =
        MeanDifferenceTest.test(strata, rate, alpha, gate.minSamples());
    double floor = gate.floorFor(result.control().mean());
    Verdict verdict;
    if (result.exposed().n() < gate.minSamples() || result.control().n() < gate.minSamples()) {
      verdict = Verdict.NO_DATA;
    } else if (result.pValue() <= alpha
        && gate.harm().harmedBy(result.estimate())
        && Math.abs(result.estimate()) >= floor) {
      verdict = Verdict.BREACH;
    } else {
      verdict = Verdict.PASS;
    }
    Evidence evidence =
        new Evidence(
            rate ? "rate-difference-msprt" : "mean-difference-msprt",
            result.estimate(),
            floor,
            result.margin(),
            result.pValue(),
            fixedSamplePValue(result, rate),
            0.0,
            alpha,
            result.exposed().n(),
            result.control().n(),
            windowStart,
            windowEnd,
            result.exposed().mean(),
            result.control().mean());
    return new GateResult(gate.name(), null, verdict, gate.critical(), evidence);
  }

  /** Welch's two-sided z-test of the pooled cohorts, for reference: not valid under many looks. */
  private static double fixedSamplePValue(MeanDifferenceTest.Result result, boolean rate) {
    Moments exposed = result.exposed();
    Moments control = result.control();
    if (exposed.n() < 2 || control.n() < 2) {
      return Double.NaN;
    }
    double variance =
        MeanDifferenceTest.variance(exposed, rate) / exposed.n()
            + MeanDifferenceTest.variance(control, rate) / control.n();
    if (variance == 0) {
      return exposed.mean() == control.mean() ? 1.0 : 0.0;
    }
    double z = Math.abs(exposed.mean() - control.mean()) / Math.sqrt(variance);
    return 2 * NORMAL.cumulativeProbability(-z);
  }
}
