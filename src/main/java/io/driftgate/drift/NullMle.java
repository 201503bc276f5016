package io.driftgate.drift;

/**
 * The most likely pair of rates among those where the candidate is at most {@code floor} worse than
 * the baseline (p - q <= floor): the denominator of {@link RateDriftTest}, which is valid only if
 * no null pair is more likely than this one.
 *
 * <p>The log-likelihood is strictly concave, so when the observed rates are not themselves in the
 * null set the maximum lies on its edge p = q + floor. Along the edge the derivative in q, x / (q +
 * floor) - (n1 - x) / (1 - floor - q) + y / q - (n2 - y) / (1 - q), is strictly decreasing; its
 * zero is the root of a cubic (Farrington and Manning, Statistics in Medicine 9, 1990, give it in
 * trigonometric form). Bisection on the sign of the derivative finds it to the last bit instead,
 * with no cancellation when a count is 0 or n or n is in the billions.
 *
 * @param candidate the candidate's rate p
 * @param baseline the baseline's rate q
 */
record NullMle(double candidate, double baseline) {

  static NullMle of(
      long candidateHits, long candidateN, long baselineHits, long baselineN, double floor) {
    double p = rate(candidateHits, candidateN);
    double q = rate(baselineHits, baselineN);
    if (p - q <= floor) {
      return new NullMle(p, q);
    }
    // The slope is +infinity or finite at q = 0 and -infinity or finite at the upper end, never
    // infinity - infinity: a positive term diverges only at 0, a negative one only at 1 - floor.
    Edge edge = new Edge(candidateHits, candidateN, baselineHits, baselineN, floor);
    double low = 0;
    double high = 1 - floor;
    if (edge.slope(low) <= 0) {
      return new NullMle(floor, 0);
    }
    if (edge.slope(high) >= 0) {
      return new NullMle(1, high);
    }
    for (double mid = low + (high - low) / 2; mid > low && mid < high; ) {
      if (edge.slope(mid) > 0) {
        low = mid;
      } else {
        high = mid;
      }
      mid = low + (high - low) / 2;
    }
    return new NullMle(low + floor, low);
  }

  /** The log-likelihood of the counts at these rates (of the records in order, not the tally). */
  double logLikelihood(long candidateHits, long candidateN, long baselineHits, long baselineN) {
    return logLikelihood(candidateHits, candidateN, candidate)
        + logLikelihood(baselineHits, baselineN, baseline);
  }

  private static double logLikelihood(long hits, long n, double rate) {
    return times(hits, Math.log(rate)) + times(n - hits, Math.log1p(-rate));
  }

  private static double rate(long hits, long n) {
    return n == 0 ? 0 : (double) hits / n;
  }

  /** {@code count * value} with 0 * (-infinity) = 0: a rate of 0 explains no hits perfectly. */
  private static double times(long count, double value) {
    return count == 0 ? 0 : count * value;
  }

  /** The log-likelihood along the null set's edge p = q + floor, as a function of q. */
  private record Edge(long x, long n1, long y, long n2, double floor) {

    double slope(double q) {
      double candidateMissRoom = (1 - floor) - q; // 1 - p, exactly 0 at the upper end
      return per(x, q + floor) - per(n1 - x, candidateMissRoom) + per(y, q) - per(n2 - y, 1 - q);
    }

    private static double per(long count, double rate) {
      return count == 0 ? 0 : count / rate;
    }
  }
}
