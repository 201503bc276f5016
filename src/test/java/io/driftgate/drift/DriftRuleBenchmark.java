package io.driftgate.drift;

import io.driftgate.bench.DdSketchSummary;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.KolmogorovSmirnov;

/**
 * Side-by-side report: on the same seeded data, the false-alarm rate and power of driftgate's rule,
 * DataSketches' sketch KS test, the "sketch D into the exact KS distribution" shortcut, and an
 * exact Commons Math KS test evaluated every window; then update cost and state size.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.driftgate.drift.DriftRuleBenchmark} ({@code -Donly=cost} for the update cost
 * alone). Results go in docs/benchmarks.md.
 */
public final class DriftRuleBenchmark {

  private static final int ROLLOUTS = Integer.getInteger("rollouts", 100);
  private static final int LOOKS = 20;
  private static final int PER_SIDE = 100_000;
  private static final double LEVEL = 0.05;
  private static final double FLOOR = 0.03;

  public static void main(String[] args) {
    if (!"cost".equals(System.getProperty("only"))) {
      rules();
    }
    updateCost();
  }

  private static void rules() {
    DataContract contract = ValidationRollout.contract();
    double alpha = AlphaBudget.perGate(contract);
    System.out.printf(
        "rollouts=%d looks=%d per-side=%d driftgate alpha/gate=%.2e (68 gates)%n",
        ROLLOUTS, LOOKS, PER_SIDE, alpha);
    System.out.println(
        "| scenario | driftgate | DataSketches KS (KLL k=200) | sketch D + exact dist. | "
            + "exact KS every window |");
    System.out.println("|---|---|---|---|---|");
    for (double trueD : new double[] {0.0, 0.05, 0.10}) {
      int[] alarms = new int[4];
      long[] firstAlarmN = new long[ROLLOUTS];
      for (int r = 0; r < ROLLOUTS; r++) {
        boolean[] fired = rollout(trueD, 77_000L + r, alpha, firstAlarmN, r);
        for (int m = 0; m < 4; m++) {
          alarms[m] += fired[m] ? 1 : 0;
        }
      }
      String label =
          trueD == 0
              ? "A/A: rollouts with a false alarm"
              : "true D=" + trueD + ": flagged by n=100k";
      System.out.printf(
          "| %s | %s | %s | %s | %s |%n",
          label, pct(alarms[0]), pct(alarms[1]), pct(alarms[2]), pct(alarms[3]));
      if (trueD > 0) {
        long[] sorted = Arrays.stream(firstAlarmN).filter(n -> n > 0).sorted().toArray();
        System.out.printf(
            "  driftgate median n at first flag: %d%n",
            sorted.length == 0 ? -1 : sorted[sorted.length / 2]);
      }
    }
  }

  private static String pct(int count) {
    return String.format("%.1f%%", 100.0 * count / ROLLOUTS);
  }

  /** One rollout; returns which of the four rules ever alarmed. */
  private static boolean[] rollout(double trueD, long seed, double alpha, long[] firstN, int r) {
    double shift =
        trueD == 0 ? 0 : 2 * new NormalDistribution().inverseCumulativeProbability((1 + trueD) / 2);
    SplittableRandom random = new SplittableRandom(seed);
    NumericSummary cand = new NumericSummary(ProfileSettings.DEFAULTS);
    NumericSummary base = new NumericSummary(ProfileSettings.DEFAULTS);
    KllDoublesSketch kllCand = KllDoublesSketch.newHeapInstance(200);
    KllDoublesSketch kllBase = KllDoublesSketch.newHeapInstance(200);
    double[] rawCand = new double[PER_SIDE];
    double[] rawBase = new double[PER_SIDE];
    boolean[] fired = new boolean[4];
    KolmogorovSmirnovTest commons = new KolmogorovSmirnovTest();
    int n = 0;
    for (int look = 1; look <= LOOKS; look++) {
      for (int i = 0; i < PER_SIDE / LOOKS; i++, n++) {
        double x = random.nextGaussian() + shift;
        double y = random.nextGaussian();
        cand.add(x);
        base.add(y);
        kllCand.update(x);
        kllBase.update(y);
        rawCand[n] = x;
        rawBase[n] = y;
      }
      KsDistance d = KsDistance.between(cand, base);
      boolean driftgate =
          d.distance() > ConfidenceBand.twoSampleRadius(n, n, alpha) && d.distance() >= FLOOR;
      if (driftgate && !fired[0]) {
        firstN[r] = n;
      }
      fired[0] |= driftgate;
      fired[1] |= KolmogorovSmirnov.kolmogorovSmirnovTest(kllCand, kllBase, LEVEL);
      double sketchD = KolmogorovSmirnov.computeKSDelta(kllCand, kllBase);
      fired[2] |= commons.approximateP(sketchD, n, n) < LEVEL;
      double[] xs = Arrays.copyOf(rawCand, n);
      double[] ys = Arrays.copyOf(rawBase, n);
      fired[3] |= commons.approximateP(commons.kolmogorovSmirnovStatistic(xs, ys), n, n) < LEVEL;
    }
    return fired;
  }

  /**
   * Nanoseconds per value and state bytes after one million values, medians of five runs, for two
   * value shapes: {@code exp(4u)} (1 … 55, a skewed field near zero) and an epoch-like field.
   */
  private static void updateCost() {
    System.out.println();
    System.out.println(
        "| values | summary | ns/value (median of 5) | ratio to previous summary |"
            + " state bytes at 1e6 |");
    System.out.println("|---|---|---|---|---|");
    SplittableRandom random = new SplittableRandom(5);
    updateCost("exp(4u)", random.doubles(1_000_000).map(u -> Math.exp(4 * u)).toArray());
    double[] epoch = new double[1_000_000];
    for (int i = 0; i < epoch.length; i++) {
      epoch[i] = 1.7e9 + 1000 * random.nextGaussian();
    }
    updateCost("1.7e9 + N(0, 1000)", epoch);
  }

  private static void updateCost(String label, double[] values) {
    int n = values.length;
    String[] names = {
      "driftgate NumericSummary (adaptive lattice, 2560 bins)",
      "previous NumericSummary (DDSketch 1%, 2048 bins)",
      "DataSketches KLL k=200",
      "raw double[] (exact)"
    };
    double[][] ns = new double[names.length][5];
    long[] bytes = new long[names.length];
    for (int rep = 0; rep < 5; rep++) {
      long t0 = System.nanoTime();
      NumericSummary summary = new NumericSummary(ProfileSettings.DEFAULTS);
      for (double v : values) {
        summary.add(v);
      }
      long t1 = System.nanoTime();
      DdSketchSummary previous = new DdSketchSummary(DdSketchSummary.Settings.DEFAULTS);
      for (double v : values) {
        previous.add(v);
      }
      long t2 = System.nanoTime();
      KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(200);
      for (double v : values) {
        kll.update(v);
      }
      long t3 = System.nanoTime();
      double[] raw = new double[16];
      int size = 0;
      for (double v : values) {
        if (size == raw.length) {
          raw = Arrays.copyOf(raw, size * 2);
        }
        raw[size++] = v;
      }
      long t4 = System.nanoTime();
      ns[0][rep] = (t1 - t0) / (double) n;
      ns[1][rep] = (t2 - t1) / (double) n;
      ns[2][rep] = (t3 - t2) / (double) n;
      ns[3][rep] = (t4 - t3) / (double) n;
      bytes[0] = summary.serializedBytes();
      bytes[1] = previous.serializedBytes();
      bytes[2] = kll.toByteArray().length;
      bytes[3] = 8L * size;
    }
    double previousMedian = median(ns[1]);
    for (int m = 0; m < names.length; m++) {
      System.out.printf(
          "| %s | %s | %.1f | %.2f | %d |%n",
          label, names[m], median(ns[m]), median(ns[m]) / previousMedian, bytes[m]);
    }
  }

  private static double median(double[] xs) {
    double[] copy = xs.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }
}
