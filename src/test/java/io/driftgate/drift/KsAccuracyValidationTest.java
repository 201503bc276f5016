package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The KS distance driftgate computes from profiles against Commons Math on the raw samples: the
 * profile's distance never exceeds the exact one, its upper bound never falls below it (the
 * documented bound, docs/statistics.md), and for continuous data the gap is small.
 */
class KsAccuracyValidationTest {

  /** Largest understatement tolerated for continuous shapes at the default 0.5% bins. */
  private static final double CONTINUOUS_GAP = 0.01;

  private static final double ROUNDING = 1e-12;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Shape shape : Shape.values()) {
      for (int n : new int[] {100, 1_000, 10_000, 100_000, 1_000_000}) {
        for (double shift : new double[] {0.0, 0.1}) {
          cases.add(Arguments.of(shape, n, shift));
        }
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} n={1} shift={2}")
  @MethodSource("cases")
  void profileDistanceIsWithinItsBoundOfTheExactDistance(Shape shape, int n, double shift) {
    SplittableRandom random = new SplittableRandom(31L * n + shape.ordinal());
    double[] candidate = shape.samples(random, n, shift);
    double[] baseline = shape.samples(random, n + n / 3, 0.0);

    double exact = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(candidate, baseline);
    KsDistance fromProfiles = KsDistance.between(summary(candidate), summary(baseline));

    assertThat(fromProfiles.distance()).isLessThanOrEqualTo(exact + ROUNDING);
    assertThat(fromProfiles.upperBound()).isGreaterThanOrEqualTo(exact - ROUNDING);
    if (fromProfiles.exact()) {
      assertThat(fromProfiles.distance()).isEqualTo(exact);
    } else {
      assertThat(exact - fromProfiles.distance()).isLessThanOrEqualTo(CONTINUOUS_GAP);
    }
    if (shape == Shape.DISCRETE_TIES) {
      // Few distinct values: counted exactly at any n, so D is exact.
      assertThat(fromProfiles.exact()).isTrue();
      assertBinnedIntegersWithinBound(candidate, baseline, exact);
    }
  }

  /**
   * Integers compared through bins, as when the other side of a comparison is binned: values sit
   * one per bin, so bin boundaries see every jump of both CDFs.
   */
  private static void assertBinnedIntegersWithinBound(
      double[] candidate, double[] baseline, double exact) {
    int maxBins = ProfileSettings.DEFAULTS.maxBins();
    KsDistance binned =
        KsDistance.binned(summary(candidate).binned(), summary(baseline).binned(), maxBins);
    assertThat(binned.distance()).isEqualTo(exact, org.assertj.core.data.Offset.offset(ROUNDING));
    assertThat(binned.upperBound()).isGreaterThanOrEqualTo(exact - ROUNDING);
    // Told the values are integers, the bound knows that a bin narrower than 1 is one point:
    // still a valid bound, and a tighter one (unless there is no sketch error left to remove).
    KsDistance integral =
        KsDistance.binned(summary(candidate).binned(), summary(baseline).binned(), maxBins, true);
    assertThat(integral.distance()).isEqualTo(binned.distance());
    assertThat(integral.upperBound()).isGreaterThanOrEqualTo(exact - ROUNDING);
    assertThat(integral.sketchError()).isLessThanOrEqualTo(binned.sketchError());
    if (binned.sketchError() > 0) {
      assertThat(integral.sketchError()).isLessThan(binned.sketchError());
    }
  }

  private static NumericSummary summary(double[] values) {
    NumericSummary summary = new NumericSummary(ProfileSettings.DEFAULTS);
    for (double v : values) {
      summary.add(v);
    }
    return summary;
  }
}
