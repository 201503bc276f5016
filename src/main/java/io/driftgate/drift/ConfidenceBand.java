package io.driftgate.drift;

/**
 * A confidence band for an empirical distribution function that holds at every sample size at once:
 * with probability at least 1 - alpha, for all n simultaneously, sup_x |F_n(x) - F(x)| is at most
 * {@link #radius(long, double)}.
 *
 * <p>This is the time-uniform Dvoretzky–Kiefer–Wolfowitz inequality of Howard and Ramdas,
 * "Sequential estimation of quantiles with applications to A/B-testing and best-arm identification"
 * (Bernoulli 28(3), 2022): radius 0.85 sqrt((log log(e n) + 0.8 log(1612 / alpha)) / n). Because it
 * holds uniformly over n, the decision may be re-evaluated after every record, every tick or every
 * window without inflating the false-alarm rate — the property a fixed-sample KS p-value lacks. It
 * holds for any distribution, discrete ones and ties included. See docs/statistics.md.
 */
public final class ConfidenceBand {

  private ConfidenceBand() {}

  /** The band's half-width after {@code n} observations at level {@code alpha}; 1 when n = 0. */
  public static double radius(long n, double alpha) {
    if (n <= 0) {
      return 1.0;
    }
    return Math.min(1.0, radiusUncapped(n, Math.log(1612.0 / alpha)));
  }

  /**
   * The anytime-valid p-value of "both samples come from one distribution" given an observed
   * distance: the smallest alpha at which the two bands, each at alpha / 2, no longer cover it.
   */
  public static double twoSamplePValue(double distance, long n1, long n2) {
    if (n1 <= 0 || n2 <= 0 || distance <= 0) {
      return 1.0;
    }
    // radius grows with log(1612 / (alpha / 2)) =: level; find the level where the sum = distance.
    double lowLevel = Math.log(1612.0 / 0.5);
    if (radiusAtLevel(n1, n2, lowLevel) >= distance) {
      return 1.0;
    }
    double highLevel = lowLevel;
    while (radiusAtLevel(n1, n2, highLevel) < distance) {
      highLevel *= 2;
      if (highLevel > 1e6) {
        return 0.0;
      }
    }
    for (int i = 0; i < 100; i++) {
      double mid = 0.5 * (lowLevel + highLevel);
      if (radiusAtLevel(n1, n2, mid) < distance) {
        lowLevel = mid;
      } else {
        highLevel = mid;
      }
    }
    return Math.min(1.0, 2 * 1612.0 * Math.exp(-highLevel));
  }

  /** Half-width for the difference of two independent empirical CDFs, each band at alpha / 2. */
  public static double twoSampleRadius(long n1, long n2, double alpha) {
    return Math.min(1.0, radius(n1, alpha / 2)) + Math.min(1.0, radius(n2, alpha / 2));
  }

  private static double radiusAtLevel(long n1, long n2, double level) {
    return radiusUncapped(n1, level) + radiusUncapped(n2, level);
  }

  private static double radiusUncapped(long n, double level) {
    double logLog = Math.log(Math.log(Math.E * n));
    return 0.85 * Math.sqrt((logLog + 0.8 * level) / n);
  }
}
