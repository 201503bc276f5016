package io.driftgate.drift;

/**
 * A sequential test that a rate stays within its bound (H0: p <= max), valid under continuous
 * monitoring: an e-process whose value exceeds 1 / alpha with probability at most alpha, ever.
 *
 * <p>It mixes, with equal weights, likelihood ratios of alternatives q > max against max. Each
 * ratio is a nonnegative supermartingale for every p <= max, so their mixture is one too and
 * Ville's inequality applies. A grid of alternatives (odds growing by 25% a step) stands in for a
 * continuous prior: closed form, no special functions, at a cost of log(grid size) in evidence.
 * Unlike a DKW band it adapts to small rates, which is where quality gates live.
 */
public final class RateTest {

  private static final double ODDS_STEP = 1.25;
  private static final int ALTERNATIVES = 64;

  private RateTest() {}

  /** The e-value against "rate <= max" after {@code hits} of {@code n} records. */
  public static double eValue(long hits, long n, double max) {
    if (n <= 0 || hits <= 0 || max >= 1) {
      return 1.0;
    }
    if (max <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    long misses = n - hits;
    double odds = max / (1 - max);
    double maxLog = Double.NEGATIVE_INFINITY;
    double[] logRatios = new double[ALTERNATIVES];
    for (int j = 0; j < ALTERNATIVES; j++) {
      odds *= ODDS_STEP;
      double q = odds / (1 + odds);
      double logRatio = hits * Math.log(q / max) + misses * (Math.log1p(-q) - Math.log1p(-max));
      logRatios[j] = logRatio;
      maxLog = Math.max(maxLog, logRatio);
    }
    double sum = 0;
    for (double logRatio : logRatios) {
      sum += Math.exp(logRatio - maxLog);
    }
    return Math.exp(maxLog + Math.log(sum / ALTERNATIVES));
  }

  /** The anytime-valid p-value that the e-value implies. */
  public static double pValue(double eValue) {
    return eValue <= 1 ? 1.0 : 1.0 / eValue;
  }
}
