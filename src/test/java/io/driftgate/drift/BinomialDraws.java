package io.driftgate.drift;

import java.util.SplittableRandom;

/** Exact binomial counts for simulations: the sum of Bernoulli trials, seeded. */
final class BinomialDraws {

  private BinomialDraws() {}

  static long draw(SplittableRandom random, int trials, double rate) {
    long hits = 0;
    for (int i = 0; i < trials; i++) {
      if (random.nextDouble() < rate) {
        hits++;
      }
    }
    return hits;
  }
}
