package io.driftgate.drift;

/**
 * The e-value of one category (or one fixed set of categories) against "both versions give it the
 * same share", weighted by that share: the building block of {@link CategoricalEValue}.
 *
 * <p>For a category c with common share r under the null, the records' indicators "is c" are
 * Bernoulli(r) on both sides. The Jeffreys mixture of each side's indicators over the likelihood at
 * r, M_c(r), is a nonnegative martingale of mean 1 (universal inference, Wasserman, Ramdas and
 * Balakrishnan, PNAS 117(29), 2020, as in {@link RateDriftTest}). Weighting it by r itself makes
 * the weights of all categories sum to one under every null distribution, so the sum over every
 * category of r_c M_c(r_c) is a martingale of mean 1 too, whatever the categories are and however
 * many appear later. What this class returns, inf over r of r M_c(r), is at most the category's
 * term at the true share: no category's identity has to be known in advance, and no set of
 * categories has to be fixed.
 *
 * <p>In closed form the infimum is the two Jeffreys mixtures over sup_r r^(x-1) (1-r)^(n-x), with x
 * the category's records and n all records of both sides: the likelihood-ratio evidence of a 2x2
 * table, minus about log(1 / pooled share) for not knowing which category would move.
 */
final class CategoryShareTest {

  private CategoryShareTest() {}

  /**
   * log inf_r r M(r) after {@code candidateHits} of {@code candidateN} and {@code baselineHits} of
   * {@code baselineN} records fell in the category; minus infinity when none did (the infimum is
   * then reached at r = 0).
   */
  static double logEValue(long candidateHits, long candidateN, long baselineHits, long baselineN) {
    checkCounts(candidateHits, candidateN);
    checkCounts(baselineHits, baselineN);
    long hits = candidateHits + baselineHits;
    if (hits == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    long misses = candidateN + baselineN - hits;
    return RateDriftTest.logMixture(candidateHits, candidateN)
        + RateDriftTest.logMixture(baselineHits, baselineN)
        - logMaxLikelihood(hits - 1, misses);
  }

  /** sup_r log(r^a (1-r)^b), with 0 log 0 = 0. */
  private static double logMaxLikelihood(long a, long b) {
    double total = (double) a + b;
    return timesLogShare(a, b, total) + timesLogShare(b, a, total);
  }

  /** {@code count * log(count / total)}, via log1p where the share is near 1. */
  private static double timesLogShare(long count, long other, double total) {
    if (count == 0) {
      return 0;
    }
    return count * (count < other ? Math.log(count / total) : Math.log1p(-other / total));
  }

  private static void checkCounts(long hits, long n) {
    if (hits < 0 || hits > n) {
      throw new IllegalArgumentException(hits + " hits of " + n + " records");
    }
  }
}
