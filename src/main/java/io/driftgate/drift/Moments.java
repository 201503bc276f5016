package io.driftgate.drift;

/**
 * Count, mean and sum of squared deviations of one cohort's observations, updated one value at a
 * time (Welford) or merged from parts (Chan, Golub and LeVeque): what a difference of means needs,
 * in constant space, and the same whichever way a sample was split.
 *
 * @param m2 the sum of squared deviations from the mean
 */
public record Moments(long n, double mean, double m2) implements java.io.Serializable {

  public static final Moments NONE = new Moments(0, 0.0, 0.0);

  /** These moments with {@code value} observed too. */
  public Moments with(double value) {
    long count = n + 1;
    double delta = value - mean;
    double nextMean = mean + delta / count;
    return new Moments(count, nextMean, m2 + delta * (value - nextMean));
  }

  /** The moments of both samples together. */
  public Moments merge(Moments other) {
    if (other.n == 0) {
      return this;
    }
    if (n == 0) {
      return other;
    }
    long count = n + other.n;
    double delta = other.mean - mean;
    return new Moments(
        count,
        mean + delta * other.n / count,
        m2 + other.m2 + delta * delta * ((double) n * other.n / count));
  }

  /** The unbiased sample variance; 0 below two observations. */
  public double variance() {
    return n < 2 ? 0.0 : Math.max(0.0, m2 / (n - 1));
  }
}
