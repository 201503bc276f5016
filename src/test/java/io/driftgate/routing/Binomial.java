package io.driftgate.routing;

import org.assertj.core.data.Offset;

/** Tolerances for counts of keys that land in a set of buckets, taken from their distribution. */
public final class Binomial {

  private Binomial() {}

  /**
   * Five standard deviations of a Binomial(n, p) count. A count of keys that each fall in a set
   * with probability p independently is such a count; chance leaves a 5-sigma band about once in
   * 1.7 million runs, while a real defect of a few percent of n leaves it every time.
   */
  public static Offset<Double> fiveSigma(int n, double p) {
    return Offset.offset(5 * Math.sqrt(n * p * (1 - p)));
  }
}
