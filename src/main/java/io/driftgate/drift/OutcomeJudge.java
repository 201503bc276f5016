package io.driftgate.drift;

import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.outcome.OutcomeDistributions;
import io.driftgate.profile.NumericSummary;
import java.time.Instant;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Judges one outcome gate: {@link Verdict#NO_DATA} until both cohorts have the gate's minimum
 * samples (so a stage short of exposed observations holds rather than passes), a breach when its
 * test is significant at the gate's share of the budget, the difference moves the harmful way, and
 * it is at least the effect floor; a pass otherwise. A {@code mean} or {@code rate} gate is tested
 * by the {@link MeanDifferenceTest} on its per-stage strata, a {@code ks} gate by its window bets.
 */
public final class OutcomeJudge {

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private OutcomeJudge() {}

  /** A {@code mean} or {@code rate} gate, by the {@link MeanDifferenceTest} on its strata. */
  public static GateResult judge(
      OutcomeGate gate,
      List<MeanDifferenceTest.Stratum> strata,
      double alpha,
      Instant windowStart,
      Instant windowEnd) {
    if (gate.test() == OutcomeTest.KS) {
      throw new IllegalArgumentException(gate.name() + " compares distributions, not means");
    }
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

  /**
   * A {@code ks} gate: its statistic is the largest gap between the cohorts' distribution functions
   * in the harmful direction (exposed minus control; both ways for {@code any}), its test the
   * window bets alone (no band: the pooled values mix stages, see {@link OutcomeDistributions}). It
   * breaches when the bets reach 1 / alpha and the gap is at least the floor.
   *
   * @param distribution the metric's values so far, per cohort
   * @param logEValue the gate's window bets' log e-value
   * @param strata the metric's observations per stage, for the cohorts' means in the evidence
   */
  public static GateResult judgeDistribution(
      OutcomeGate gate,
      OutcomeDistributions.Distribution distribution,
      double logEValue,
      List<MeanDifferenceTest.Stratum> strata,
      double alpha,
      Instant windowStart,
      Instant windowEnd) {
    NumericSummary exposed = distribution.exposed();
    NumericSummary control = distribution.control();
    double gap = 0;
    double sketchError = 0;
    double fixedSample = Double.NaN;
    if (exposed.count() > 0 && control.count() > 0) {
      gap = WindowBets.Threshold.widest(exposed, control, gate.harm().distributionGapSign()).gap();
      KsDistance d = KsDistance.between(exposed, control);
      sketchError = d.sketchError();
      fixedSample = d.fixedSamplePValue();
    }
    Verdict verdict;
    if (exposed.count() < gate.minSamples() || control.count() < gate.minSamples()) {
      verdict = Verdict.NO_DATA;
    } else if (logEValue >= Math.log(1 / alpha) && Math.abs(gap) >= gate.effectFloor()) {
      verdict = Verdict.BREACH;
    } else {
      verdict = Verdict.PASS;
    }
    Moments exposedMoments = Moments.NONE;
    Moments controlMoments = Moments.NONE;
    for (MeanDifferenceTest.Stratum stratum : strata) {
      exposedMoments = exposedMoments.merge(stratum.exposed());
      controlMoments = controlMoments.merge(stratum.control());
    }
    Evidence evidence =
        new Evidence(
            "ks-window-bets",
            gap,
            gate.effectFloor(),
            Double.NaN,
            RateDriftTest.pValue(logEValue),
            fixedSample,
            sketchError,
            alpha,
            exposed.count(),
            control.count(),
            windowStart,
            windowEnd,
            exposedMoments.n() == 0 ? Double.NaN : exposedMoments.mean(),
            controlMoments.n() == 0 ? Double.NaN : controlMoments.mean());
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
