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
  UNIFORM {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return random.nextDouble() + shift;
    }
  },
  /** Logistic: symmetric, with tails heavier than the normal's. */
  LOGISTIC {
    @Override
    public double sample(SplittableRandom random, double shift) {
      double u = random.nextDouble();
      return Math.log(u / (1 - u)) + shift;
    }
  },
  /** Triangular on [0, 2], mode 1: bounded support, no tails at all. */
  TRIANGULAR {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return random.nextDouble() + random.nextDouble() + shift;
    }
  },
  /** Gamma with shape 3: skewed with a light tail, as waiting times and sizes often are. */
  GAMMA {
    @Override
    public double sample(SplittableRandom random, double shift) {
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        sum -= Math.log1p(-random.nextDouble());
      }
      return sum + shift;
    }
  },
  /** Exponential: skewed, bounded below, a mode at its edge. */
  EXPONENTIAL {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return -Math.log1p(-random.nextDouble()) + shift;
    }
  },
  /** Pareto with tail index 1.5: a heavy right tail, as incomes and file sizes have. */
  PARETO {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return Math.pow(1 - random.nextDouble(), -1 / 1.5) + shift;
    }
  },
  /** Half the records exactly 0 (a default), the rest lognormal: zero-inflated, as amounts are. */
  ZERO_INFLATED {
    @Override
    public double sample(SplittableRandom random, double shift) {
      return random.nextBoolean() ? 0.0 : Math.exp(random.nextGaussian() + shift);
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
