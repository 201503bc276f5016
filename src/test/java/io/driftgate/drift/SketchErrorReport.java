package io.driftgate.drift;

import io.driftgate.bench.DdSketchSummary;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The sketch error of D (upper bound minus lower bound) and the understatement of D (exact minus
 * lower bound), largest over n = 1e2 … 1e6 and two shifts, per shape and place, for the current
 * summary and the previous one (DDSketch 1%). Exact D from Commons Math on the raw samples.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.driftgate.drift.SketchErrorReport}. Results go in docs/benchmarks.md.
 */
public final class SketchErrorReport {

  private static final double[][] PLACES = {{0, 1}, {100, 15}, {1.7e9, 1000}, {1e9, 1e-3}};

  public static void main(String[] args) {
    KolmogorovSmirnovTest commons = new KolmogorovSmirnovTest();
    System.out.println(
        "| shape | location, scale | sketch error now | understatement now |"
            + " sketch error before | understatement before |");
    System.out.println("|---|---|---|---|---|---|");
    for (Shape shape : Shape.values()) {
      for (double[] place : PLACES) {
        double[] worst = new double[4];
        for (int n : new int[] {100, 1_000, 10_000, 100_000, 1_000_000}) {
          for (double shift : new double[] {0.0, 0.1}) {
            SplittableRandom random = new SplittableRandom(31L * n + shape.ordinal());
            double[] x = placed(shape.samples(random, n, shift), place);
            double[] y = placed(shape.samples(random, n + n / 3, 0.0), place);
            double exact = commons.kolmogorovSmirnovStatistic(x, y);
            KsDistance now = KsDistance.between(summary(x), summary(y));
            DdSketchKs before = DdSketchKs.between(previous(x), previous(y));
            worst[0] = Math.max(worst[0], now.sketchError());
            worst[1] = Math.max(worst[1], exact - now.distance());
            worst[2] = Math.max(worst[2], before.sketchError());
            worst[3] = Math.max(worst[3], exact - before.distance());
          }
        }
        System.out.printf(
            "| %s | %s, %s | %.4f | %.4f | %.4f | %.4f |%n",
            shape, place[0], place[1], worst[0], worst[1], worst[2], worst[3]);
      }
    }
  }

  private static double[] placed(double[] values, double[] place) {
    for (int i = 0; i < values.length; i++) {
      values[i] = place[0] + place[1] * values[i];
    }
    return values;
  }

  private static NumericSummary summary(double[] values) {
    NumericSummary summary = new NumericSummary(ProfileSettings.DEFAULTS);
    for (double v : values) {
      summary.add(v);
    }
    return summary;
  }

  private static DdSketchSummary previous(double[] values) {
    DdSketchSummary summary = new DdSketchSummary(DdSketchSummary.Settings.DEFAULTS);
    for (double v : values) {
      summary.add(v);
    }
    return summary;
  }
}
