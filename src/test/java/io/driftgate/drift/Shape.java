package io.driftgate.drift;

import java.util.SplittableRandom;

/** Seeded value generators for the validation suites: the shapes real fields come in. */
public enum Shape {
  NORMAL {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return random.nextGaussian() + shift;
    }
  },
  LOGNORMAL {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return Math.exp(random.nextGaussian() + shift);
    }
  },
  BIMODAL {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return (random.nextBoolean() ? -2 + 0.5 * random.nextGaussian() : 2 + random.nextGaussian())
          + shift;
    }
  },
  /** Cauchy: no mean, no variance — tails that break moment-based checks. */
  HEAVY_TAILED {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return Math.tan(Math.PI * (random.nextDouble() - 0.5)) + shift;
    }
  },
  /** Integer ages: many ties, the case where naive KS code goes wrong. */
  DISCRETE_TIES {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return Math.rint(40 + 12 * (random.nextGaussian() + shift));
    }
  };

  /** One value; {@code shift} moves the distribution (in units of its scale). */
  public abstract double sample(SplittableRandom random, double shift);

  public double[] samples(SplittableRandom random, int n, double shift) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = sample(random, shift);
    }
    return values;
  }
}
