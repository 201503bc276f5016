package io.driftgate.drift;

import org.apache.commons.math3.special.Beta;

/**
 * A sequential test that a candidate's rate is not worse than its baseline's by more than a floor
 * (H0: p_candidate - p_baseline <= floor), valid under continuous monitoring: under every pair of
 * rates in H0 its e-value ever reaches 1 / alpha with probability at most alpha.
 *
 * <p>Universal inference (Wasserman, Ramdas and Balakrishnan, "Universal inference", PNAS 117(29),
 * 2020): the numerator is the likelihood of both sides' records averaged over independent Jeffreys
 * priors, Beta(1/2, 1/2); the denominator is the likelihood maximized over H0 ({@link NullMle}).
 * The numerator over the likelihood at any fixed rates is a nonnegative martingale of mean 1 as
 * records arrive, and the denominator is at least the likelihood at the true rates, so under H0 the
 * e-value stays below such a martingale and Ville's inequality bounds it at every time at once. It
 * depends on the cumulative counts only, so evaluating it at window ends, or twice, changes
 * nothing. The price of not knowing the rates' common level is about half a log of each side's n
 * (see docs/statistics.md). Computed in logs, accurate for counts of 0 or n and n in the billions.
 */
public final class RateDriftTest {

  /** log B(1/2, 1/2): the Jeffreys prior's normalizing constant. */
  private static final double LOG_PRIOR_NORMALIZER = Math.log(Math.PI);

  private RateDriftTest() {}

  /**
   * The log e-value against "the candidate is at most {@code floor} worse" after {@code
   * candidateHits} of {@code candidateN} and {@code baselineHits} of {@code baselineN} records; at
   * most 0 (no evidence) when the candidate's observed rate is within the floor.
   *
   * @param floor in [0, 1): the tolerated increase, in percentage points as a fraction
   */
  public static double logEValue(
      long candidateHits, long candidateN, long baselineHits, long baselineN, double floor) {
    checkCounts(candidateHits, candidateN);
    checkCounts(baselineHits, baselineN);
    if (!(floor >= 0 && floor < 1)) {
      throw new IllegalArgumentException("floor " + floor + " is not in [0, 1)");
    }
    NullMle worst = NullMle.of(candidateHits, candidateN, baselineHits, baselineN, floor);
    return logMixture(candidateHits, candidateN)
        + logMixture(baselineHits, baselineN)
        - worst.logLikelihood(candidateHits, candidateN, baselineHits, baselineN);
  }

  /** The anytime-valid p-value the e-value implies: 1 / e, at most 1. */
  public static double pValue(double logEValue) {
    return logEValue <= 0 ? 1.0 : Math.exp(-logEValue);
  }

  /**
   * The likelihood of one side's records averaged over a Jeffreys prior on its rate; also the
   * numerator of each cell of {@link CategoryShareTest}.
   */
  static double logMixture(long hits, long n) {
    return Beta.logBeta(hits + 0.5, n - hits + 0.5) - LOG_PRIOR_NORMALIZER;
  }

  private static void checkCounts(long hits, long n) {
    if (hits < 0 || hits > n) {
      throw new IllegalArgumentException(hits + " hits of " + n + " records");
    }
  }
}
