package io.driftgate.drift;

/**
 * Sequential tests that a candidate draws its categories from its baseline's distribution, valid
 * under continuous monitoring and for any number of categories, including ones that first appear
 * mid-stage: under that null each e-value ever reaches 1 / alpha with probability at most alpha.
 *
 * <p>Each term is a {@link CategoryShareTest}: the evidence that one category's share differs
 * between the sides, weighted by its common share. Under a null distribution p the share-weighted
 * terms of all categories sum to a martingale of mean 1, and so do those of the (fixed) hash
 * buckets; half the one plus half the other is a martingale of mean 1 as well. Every term computed
 * here is at most its share-weighted term at the true p, and terms are nonnegative, so a sum over
 * whichever categories the summaries happen to know exactly stays below that martingale, and
 * Ville's inequality bounds it at every time at once. It depends on cumulative counts only.
 *
 * <p>Categories known by name find a moved category whatever its label hashes to; the buckets still
 * see a category that only one side kept by name (a field with more categories than a summary
 * keeps), at the cost of sharing its bucket with others.
 *
 * @param logDrift log of half the sum over categories known on both sides plus half the sum over
 *     buckets: any change of share
 * @param logNovelty log of the sum over categories the baseline provably never had: a change that
 *     is a new category
 */
record CategoricalEValue(double logDrift, double logNovelty) {

  private static final double LOG_HALF = Math.log(0.5);

  static CategoricalEValue of(CategoryTable table) {
    long n1 = table.candidateTotal();
    long n2 = table.baselineTotal();
    LogSum labels = new LogSum();
    LogSum novel = new LogSum();
    for (CategoryTable.Cell cell : table.labels()) {
      double term = CategoryShareTest.logEValue(cell.candidate(), n1, cell.baseline(), n2);
      labels.add(term);
      if (cell.baseline() == 0) {
        novel.add(term);
      }
    }
    LogSum buckets = new LogSum();
    for (int b = 0; b < table.candidateBuckets().length; b++) {
      buckets.add(
          CategoryShareTest.logEValue(
              table.candidateBuckets()[b], n1, table.baselineBuckets()[b], n2));
    }
    LogSum drift = new LogSum();
    drift.add(labels.value());
    drift.add(buckets.value());
    return new CategoricalEValue(LOG_HALF + drift.value(), novel.value());
  }

  /** A sum of exponentials kept in logs: the largest term so far and the others relative to it. */
  private static final class LogSum {
    private double max = Double.NEGATIVE_INFINITY;
    private double scaled; // sum of exp(term - max)

    void add(double term) {
      if (term == Double.NEGATIVE_INFINITY) {
        return;
      }
      if (term <= max) {
        scaled += Math.exp(term - max);
      } else {
        scaled = scaled * Math.exp(max - term) + 1;
        max = term;
      }
    }

    double value() {
      return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(scaled);
    }
  }
}
