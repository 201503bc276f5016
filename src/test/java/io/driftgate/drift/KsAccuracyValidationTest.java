package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.util.EnumSet;
import java.util.Set;
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

  /**
   * Largest sketch error tolerated for shapes whose tails are light, at any location and scale: the
   * bins follow the spread wherever the field sits.
   */
  private static final double LIGHT_TAILED_GAP = 0.005;

  private static final Set<Shape> LIGHT_TAILED =
      EnumSet.of(Shape.NORMAL, Shape.UNIFORM, Shape.TRIANGULAR, Shape.GAMMA, Shape.EXPONENTIAL);

  /**
   * Largest sketch error tolerated for every continuous shape located at 0 (at any scale: the
   * lattice is scale-free there). Far from 0, skewed and heavy tails spread a field over more bins
   * than the summary keeps; the error is then only bounded, and reported (docs/statistics.md).
   */
  private static final double AT_ZERO_GAP = 0.012;

  /** Locations and scales real fields come in: near zero, prices, epoch seconds, far out. */
  private static final double[][] PLACES = {{0, 1}, {100, 15}, {1.7e9, 1000}, {1e9, 1e-3}};

  private static final double ROUNDING = 1e-12;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Shape shape : Shape.values()) {
      for (int n : new int[] {100, 1_000, 10_000, 100_000, 1_000_000}) {
        for (double shift : new double[] {0.0, 0.1}) {
          for (double[] place : shape == Shape.DISCRETE_TIES ? new double[][] {{0, 1}} : PLACES) {
            cases.add(Arguments.of(shape, n, shift, place[0], place[1]));
          }
        }
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} n={1} shift={2} at {3} scale {4}")
  @MethodSource("cases")
  void profileDistanceIsWithinItsBoundOfTheExactDistance(
      Shape shape, int n, double shift, double location, double scale) {
    SplittableRandom random = new SplittableRandom(31L * n + shape.ordinal());
    double[] candidate = placed(shape.samples(random, n, shift), location, scale);
    double[] baseline = placed(shape.samples(random, n + n / 3, 0.0), location, scale);

    double exact = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(candidate, baseline);
    KsDistance fromProfiles = KsDistance.between(summary(candidate), summary(baseline));

    assertThat(fromProfiles.distance()).isLessThanOrEqualTo(exact + ROUNDING);
    assertThat(fromProfiles.upperBound()).isGreaterThanOrEqualTo(exact - ROUNDING);
    if (fromProfiles.exact()) {
      assertThat(fromProfiles.distance()).isEqualTo(exact);
    } else if (LIGHT_TAILED.contains(shape)) {
      assertThat(fromProfiles.sketchError()).isLessThanOrEqualTo(LIGHT_TAILED_GAP);
    } else if (location == 0) {
      assertThat(fromProfiles.sketchError()).isLessThanOrEqualTo(AT_ZERO_GAP);
    }
    if (shape == Shape.DISCRETE_TIES) {
      // Few distinct values: counted exactly at any n, so D is exact.
      assertThat(fromProfiles.exact()).isTrue();
      assertBinnedIntegersWithinBound(candidate, baseline, exact);
    }
  }

  /**
   * Integers compared through bins, as when the other side of a comparison is binned: bins narrower
   * than 1 hold one integer each, so bin boundaries see every jump of both CDFs; told the values
   * are integers, the bound knows that and has no sketch error left. Wider bins keep a valid bound.
   */
  private static void assertBinnedIntegersWithinBound(
      double[] candidate, double[] baseline, double exact) {
    for (int level : new int[] {40, 45, 50}) {
      NumericSummary.Bins first = summary(candidate).bins(level);
      NumericSummary.Bins second = summary(baseline).bins(level);
      KsDistance spread = KsDistance.binned(first, second, false);
      KsDistance integral = KsDistance.binned(first, second, true);
      assertThat(spread.distance()).isLessThanOrEqualTo(exact + ROUNDING);
      assertThat(spread.upperBound()).isGreaterThanOrEqualTo(exact - ROUNDING);
      assertThat(integral.distance()).isEqualTo(spread.distance());
      assertThat(integral.upperBound()).isGreaterThanOrEqualTo(exact - ROUNDING);
      assertThat(integral.sketchError()).isLessThanOrEqualTo(spread.sketchError());
      if (level < 50) {
        assertThat(integral.distance())
            .isEqualTo(exact, org.assertj.core.data.Offset.offset(ROUNDING));
        assertThat(integral.sketchError()).isLessThanOrEqualTo(ROUNDING);
      }
    }
  }

  private static double[] placed(double[] values, double location, double scale) {
    for (int i = 0; i < values.length; i++) {
      values[i] = location + scale * values[i];
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
}
