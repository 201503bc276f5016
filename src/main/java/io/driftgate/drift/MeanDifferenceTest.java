package io.driftgate.drift;

import java.util.List;

/**
 * An anytime-valid test that the exposed cohort's mean equals the control cohort's, for outcome
 * gates: the mixture sequential probability ratio test of Johari, Koomen, Pekelis and Walsh,
 * "Always valid inference: continuous monitoring of A/B tests" (Operations Research 70(3), 2022),
 * on the z-statistic of the difference, with the normal-mixture boundary of Howard, Ramdas,
 * McAuliffe and Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences" (Annals
 * of Statistics 49(2), 2021), and plug-in variances justified asymptotically by Waudby-Smith,
 * Arnold, Wu and Ramdas, "Time-uniform central limit theory and asymptotic confidence sequences"
 * (Annals of Statistics 52(6), 2024).
 *
 * <p><b>Strata.</b> Each stage exposes a different share, so the cohorts' sizes change in ratio
 * from stage to stage; pooling their means would let a trend that moves both cohorts alike (a
 * weekday effect) show as a difference. The difference is therefore estimated per stage and the
 * stages combined by inverse variance: S = sum v_k d_k, V = sum v_k with d_k the stage's difference
 * and 1 / v_k its variance; z = S / sqrt(V).
 *
 * <p><b>Time.</b> The test runs in the cohorts' effective sample size tau = sum n_e n_c / (n_e +
 * n_c), in which B = z sqrt(tau) behaves as a Brownian motion under "no difference". The mixture
 * martingale M = sqrt(rho / (tau + rho)) exp(B^2 / (2 (tau + rho))) then exceeds 1 / alpha at any
 * look with probability at most alpha (Ville's inequality), whatever the number of looks; 1 / M is
 * an anytime-valid p-value. rho tunes where the boundary is tightest: at the gate's minimum samples
 * per cohort (Howard et al., section 3.5).
 *
 * <p><b>Rates.</b> A metric of booleans is a mean of zeros and ones; its variances use the smoothed
 * share (x + 1/2) / (n + 1), so a cohort whose observations are all equal still has a variance.
 */
public final class MeanDifferenceTest {

  /** A stage's observations of one metric, per cohort. */
  public record Stratum(Moments exposed, Moments control) implements java.io.Serializable {}

  /**
   * @param estimate the exposed mean minus the control mean, combined over the strata
   * @param margin the confidence sequence's half-width around {@code estimate} at level alpha
   * @param pValue the anytime-valid p-value of "no difference", in [0, 1]
   * @param exposed the exposed cohort's observations, all strata pooled (for the evidence)
   * @param control the control cohort's observations, all strata pooled
   * @param effectiveSamples tau, the test's clock
   */
  public record Result(
      double estimate,
      double margin,
      double pValue,
      Moments exposed,
      Moments control,
      double effectiveSamples) {

    /** Whether the confidence sequence excludes 0. */
    public boolean significant() {
      return Math.abs(estimate) > margin;
    }
  }

  private MeanDifferenceTest() {}

  /**
   * @param rate whether the observations are zeros and ones
   * @param alpha the gate's share of the rollout's false-rollback rate
   * @param plannedSamples the samples per cohort where the boundary should be tightest: the gate's
   *     minimum
   */
  public static Result test(List<Stratum> strata, boolean rate, double alpha, long plannedSamples) {
    double sum = 0;
    double information = 0;
    double tau = 0;
    Moments exposed = Moments.NONE;
    Moments control = Moments.NONE;
    boolean certain = false;
    for (Stratum stratum : strata) {
      exposed = exposed.merge(stratum.exposed());
      control = control.merge(stratum.control());
      Moments e = stratum.exposed();
      Moments c = stratum.control();
      if (e.n() < 2 || c.n() < 2) {
        continue;
      }
      double difference = e.mean() - c.mean();
      double variance = variance(e, rate) / e.n() + variance(c, rate) / c.n();
      if (variance == 0) {
        certain |= difference != 0;
        continue;
      }
      sum += difference / variance;
      information += 1 / variance;
      tau += (double) e.n() * c.n() / (e.n() + c.n());
    }
    if (certain) {
      double difference = exposed.mean() - control.mean();
      return new Result(difference, 0.0, 0.0, exposed, control, tau);
    }
    if (information == 0) {
      return new Result(0.0, Double.POSITIVE_INFINITY, 1.0, exposed, control, tau);
    }
    double rho = rho(plannedSamples, alpha);
    double z = sum / Math.sqrt(information);
    double logBoundary = Math.log((tau + rho) / (rho * alpha * alpha));
    double critical = Math.sqrt((tau + rho) / tau * logBoundary);
    double logMixture = 0.5 * Math.log(rho / (tau + rho)) + z * z * tau / (2 * (tau + rho));
    return new Result(
        sum / information,
        critical / Math.sqrt(information),
        Math.min(1.0, Math.exp(-logMixture)),
        exposed,
        control,
        tau);
  }

  /**
   * The mixture's precision that makes the boundary tightest at {@code plannedSamples} effective
   * samples, Howard et al.'s approximation: rho = t / (2 log(1/alpha) + log(1 + 2 log(1/alpha))).
   */
  static double rho(long plannedSamples, double alpha) {
    double level = 2 * Math.log(1 / alpha);
    return Math.max(1, plannedSamples) / (level + Math.log(1 + level));
  }

  static double variance(Moments moments, boolean rate) {
    if (!rate) {
      return moments.variance();
    }
    double share = (moments.mean() * moments.n() + 0.5) / (moments.n() + 1);
    return share * (1 - share);
  }
}
