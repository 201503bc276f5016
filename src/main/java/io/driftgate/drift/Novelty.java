package io.driftgate.drift;

/**
 * How often a candidate's records carry a category its baseline never had, against how often the
 * baseline's own records do: the effect the {@code unseen:<field>} gate compares with its floor.
 *
 * <p>A baseline sample misses categories even when nothing changed: of an id-like string with far
 * more values than records almost every value is new. The baseline's own rate of new categories is
 * estimated by Good-Turing (Good, "The population frequencies of species and the estimation of
 * population parameters", Biometrika 40(3/4), 1953): the share of its records whose category it saw
 * exactly once estimates the probability that its next record brings an unseen category. Both rates
 * are taken over the categories both summaries know exactly ({@link CategoryTable}) — when a
 * summary is full, a sample of categories by hash, independent of their frequencies.
 *
 * <p>This is an effect size, not the test: a breach also needs {@link CategoricalEValue#logNovelty}
 * to reject "same distribution", so an error in the estimate can change which significant novelty
 * is large enough to act on, never the false-rollback guarantee.
 *
 * @param candidateRate share of the candidate's records (in known categories) new to the baseline
 * @param baselineRate share of the baseline's records (in known categories) seen once; 1 when the
 *     baseline has none in known categories (nothing to compare with)
 */
record Novelty(double candidateRate, double baselineRate) {

  /**
   * At or above this baseline rate of new categories the field is id-like: most of its records
   * carry a value its own baseline has not seen yet, so category shares and new values describe the
   * sampling, not the distribution, and neither categorical gate breaches.
   */
  static final double ID_LIKE_RATE = 0.5;

  static Novelty of(CategoryTable table) {
    long candidate = 0;
    long candidateNew = 0;
    long baseline = 0;
    long baselineOnce = 0;
    for (CategoryTable.Cell cell : table.labels()) {
      candidate += cell.candidate();
      baseline += cell.baseline();
      if (cell.baseline() == 0) {
        candidateNew += cell.candidate();
      } else if (cell.baseline() == 1) {
        baselineOnce++;
      }
    }
    return new Novelty(
        candidate == 0 ? 0 : (double) candidateNew / candidate,
        baseline == 0 ? 1 : (double) baselineOnce / baseline);
  }

  /** The candidate's rate of new categories beyond the baseline's own. */
  double excess() {
    return candidateRate - baselineRate;
  }

  boolean idLike() {
    return baselineRate >= ID_LIKE_RATE;
  }
}
