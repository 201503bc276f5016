package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.NumericSummary.ValueCounts;
import io.driftgate.profile.ProfileSettings;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * While both summaries are exact — values or a count per value — D is the exact two-sample
 * statistic: the very double Commons Math computes on the expanded samples, with no sketch error.
 */
class KsExactDistanceTest {

  private static final KolmogorovSmirnovTest COMMONS = new KolmogorovSmirnovTest();
  private static final ProfileSettings SETTINGS = ProfileSettings.DEFAULTS;

  @ParameterizedTest(name = "n1={0} n2={1} range={2} shift={3}")
  @CsvSource({
    // values vs values, values vs counts, counts vs counts; ties within and across sides.
    "100, 150, 5, 0",
    "2048, 300, 12, 1",
    "500, 20000, 78, 0",
    "5000, 5000, 78, 0",
    "30000, 9000, 78, 2",
    "9000, 30000, 3, 1",
    "100000, 100000, 200, 0",
  })
  void equalsCommonsMathOnTheExpandedSamples(int n1, int n2, int range, int shift) {
    SplittableRandom random = new SplittableRandom(31L * n1 + n2);
    double[] x = integers(random, n1, range, shift);
    double[] y = integers(random, n2, range, 0);
    NumericSummary candidate = summary(x);
    NumericSummary baseline = summary(y);
    assertThat(candidate.isExact()).isTrue();
    assertThat(baseline.isExact()).isTrue();

    KsDistance d = KsDistance.between(candidate, baseline, true);

    double expected = COMMONS.kolmogorovSmirnovStatistic(x, y);
    assertThat(d.distance()).isEqualTo(expected);
    assertThat(d.exact()).isTrue();
    assertThat(d.sketchError()).isZero();
    assertThat(KsDistance.between(baseline, candidate).distance()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "scale={0}")
  @CsvSource({"1", "1000000", "3000000000"})
  void countsTooLargeForWholeNumberArithmeticGiveTheSameDistance(long scale) {
    ValueCounts a = new ValueCounts(new double[] {1, 2, 4}, new long[] {3, 1, 2}, 6);
    ValueCounts b = new ValueCounts(new double[] {2, 3, 4}, new long[] {1, 1, 1}, 3);
    // F_a = 1/2, 2/3, 2/3, 1; F_b = 0, 1/3, 2/3, 1 at 1, 2, 3, 4: D = 1/2.
    KsDistance d = KsDistance.exact(scaled(a, scale), scaled(b, scale));
    assertThat(d.distance()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(d.exact()).isTrue();
  }

  @ParameterizedTest(name = "n={0}")
  @CsvSource({"5000", "50000"})
  void countsAgainstBinsTakeTheBinnedPath(int n) {
    SplittableRandom random = new SplittableRandom(n);
    NumericSummary ages = summary(integers(random, n, 78, 0));
    double[] continuous = new double[n];
    for (int i = 0; i < n; i++) {
      continuous[i] = 18 + 78 * random.nextDouble();
    }
    NumericSummary binned = summary(continuous);
    assertThat(ages.isExact()).isTrue();
    assertThat(binned.isExact()).isFalse();

    KsDistance d = KsDistance.between(ages, binned, false);

    assertThat(d.exact()).isFalse();
    int level = binned.level();
    assertThat(d).isEqualTo(KsDistance.binned(ages.bins(level), binned.bins(level), false));
  }

  private static ValueCounts scaled(ValueCounts counts, long scale) {
    long[] scaled = counts.counts().clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= scale;
    }
    return new ValueCounts(counts.values(), scaled, counts.total() * scale);
  }

  /** Whole numbers 18 … 18 + range − 1 (shifted), ages-like. */
  private static double[] integers(SplittableRandom random, int n, int range, int shift) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 18 + shift + random.nextInt(range);
    }
    return values;
  }

  private static NumericSummary summary(double[] values) {
    NumericSummary summary = new NumericSummary(SETTINGS);
    for (double v : values) {
      summary.add(v);
    }
    return summary;
  }
}
