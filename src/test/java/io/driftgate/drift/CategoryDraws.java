package io.driftgate.drift;

import java.util.SplittableRandom;

/** Draws labels from a fixed categorical distribution, by inverting its cumulative shares. */
final class CategoryDraws {

  private final String[] labels;
  private final double[] cumulative;

  CategoryDraws(String[] labels, double[] shares) {
    this.labels = labels.clone();
    this.cumulative = new double[shares.length];
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      sum += shares[i];
      cumulative[i] = sum;
    }
  }

  /**
   * {@code k} labels, {@code moved} with share {@code movedShare}, the others sharing the rest
   * equally.
   */
  static CategoryDraws oneApart(String[] labels, int moved, double movedShare) {
    double[] shares = new double[labels.length];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = i == moved ? movedShare : (1 - movedShare) / (labels.length - 1);
    }
    return new CategoryDraws(labels, shares);
  }

  String draw(SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return labels[i];
      }
    }
    return labels[labels.length - 1];
  }
}
