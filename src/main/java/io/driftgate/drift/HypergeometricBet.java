package io.driftgate.drift;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.FastMath;

/**
 * One window's bet that the candidate's records fall below a threshold (or carry a defect) more
 * often than the baseline's: an e-value that needs no knowledge of the common rate.
 *
 * <p>In one window, say {@code k} of the {@code N} records of both versions are "hits". If both
 * versions draw from one distribution, the records are exchangeable, so given the window's records
 * without their version labels which {@code n} of them are the candidate's is uniform: the
 * candidate's hits are hypergeometric(N, k, n), whatever the distribution. Hence {@code exp(lambda
 * x) / E[exp(lambda X)]} is an e-value for any {@code lambda} fixed before the window (Shekhar and
 * Ramdas, "Nonparametric two-sample testing by betting", IEEE Trans. Inf. Theory 70(2), 2024, use
 * the same conditional construction). Its normalizer is computed exactly, not bounded by a
 * binomial's: for equal sides the hypergeometric's variance is half the binomial's, and so would be
 * the evidence. When the candidate's rate is lower, the hits are stochastically smaller (Fisher's
 * noncentral hypergeometric), so a non-negative {@code lambda} is also valid against "no worse".
 *
 * <p>The sum is taken outward from the tilted distribution's mode: its terms are log-concave, so
 * they fall on either side, and the part not summed is bounded by the last term times the terms
 * left: the normalizer returned is never smaller than the true one, so the e-value never larger.
 * {@link FastMath} keeps the result the same double on every JVM, as replay needs.
 */
final class HypergeometricBet {

  /** Stop summing once what is left cannot move the sum by more than this share. */
  private static final double TAIL_SHARE = 1e-17;

  private HypergeometricBet() {}

  /**
   * log of the e-value {@code exp(lambda hits) / E[exp(lambda X)]}, X ~ hypergeometric.
   *
   * @param hits the candidate's hits in the window
   * @param candidate the candidate's records in the window
   * @param allHits both versions' hits in the window
   * @param all both versions' records in the window
   * @param lambda the stake, fixed before the window was seen
   */
  static double logEValue(long hits, long candidate, long allHits, long all, double lambda) {
    if (candidate < 0 || allHits < 0 || candidate > all || allHits > all) {
      throw new IllegalArgumentException(
          hits + " of " + candidate + " hits, " + allHits + " of " + all + " in all");
    }
    long low = Math.max(0, candidate - (all - allHits));
    long high = Math.min(allHits, candidate);
    if (hits < low || hits > high) {
      throw new IllegalArgumentException(
          hits + " candidate hits is impossible with " + allHits + " of " + all + " hits");
    }
    if (lambda == 0 || low == high) {
      return 0;
    }
    return lambda * hits - logMgf(candidate, allHits, all, lambda, low, high);
  }

  /** log E[exp(lambda X)] for X ~ hypergeometric(all, allHits, candidate) on [low, high]. */
  private static double logMgf(
      long candidate, long allHits, long all, double lambda, long low, long high) {
    long mode = tiltedMode(candidate, allHits, all, lambda, low, high);
    double sum = 1;
    sum += side(candidate, allHits, all, lambda, mode, low, high, 1);
    sum += side(candidate, allHits, all, lambda, mode, low, high, -1);
    double logPmfAtMode =
        logChoose(allHits, mode)
            + logChoose(all - allHits, candidate - mode)
            - logChoose(all, candidate);
    return logPmfAtMode + lambda * mode + FastMath.log(sum);
  }

  /**
   * The tilted terms from the mode outward in {@code direction}, relative to the mode's, plus a
   * bound on the rest.
   */
  private static double side(
      long candidate,
      long allHits,
      long all,
      double lambda,
      long mode,
      long low,
      long high,
      int direction) {
    double sum = 0;
    double term = 1;
    long x = mode;
    while (direction > 0 ? x < high : x > low) {
      term *=
          direction > 0
              ? ratio(candidate, allHits, all, lambda, x)
              : 1 / ratio(candidate, allHits, all, lambda, x - 1);
      x += direction;
      sum += term;
      long left = direction > 0 ? high - x : x - low;
      if (term * left <= TAIL_SHARE * (1 + sum)) {
        return sum + term * left;
      }
    }
    return sum;
  }

  /** The tilted term at x + 1 over the term at x: falls as x grows (log-concavity). */
  private static double ratio(long candidate, long allHits, long all, double lambda, long x) {
    double up = (double) (allHits - x) * (candidate - x);
    double down = (double) (x + 1) * (all - allHits - candidate + x + 1);
    return up / down * FastMath.exp(lambda);
  }

  /** The largest x whose tilted term is at least its predecessor's: a bisection on the ratio. */
  private static long tiltedMode(
      long candidate, long allHits, long all, double lambda, long low, long high) {
    long lo = low;
    long hi = high;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (ratio(candidate, allHits, all, lambda, mid) >= 1) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double logChoose(long n, long k) {
    return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
  }
}
