package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A numeric field's state stays small however many records it has seen. */
class ProfileSizeTest {

  private static final int BUDGET_BYTES = 32 * 1024;

  @Test
  void numericSummaryOfTenMillionValuesFitsTheBudget() {
    SplittableRandom random = new SplittableRandom(42);
    NumericSummary normal = new NumericSummary(ProfileSettings.DEFAULTS);
    NumericSummary wide = new NumericSummary(ProfileSettings.DEFAULTS);
    for (int i = 0; i < 10_000_000; i++) {
      normal.add(random.nextGaussian());
      // Twelve decades of magnitude on both signs: the worst case for a binned sketch.
      wide.add((random.nextBoolean() ? 1 : -1) * Math.pow(10, 12 * random.nextDouble() - 6));
    }
    assertThat(normal.count()).isEqualTo(10_000_000);
    assertThat(sizeOf(normal)).isLessThanOrEqualTo(BUDGET_BYTES);
    assertThat(sizeOf(wide)).isLessThanOrEqualTo(BUDGET_BYTES);
  }

  @Test
  void theWorstCaseForTheEncodingFitsTheBudget() {
    // As many distinct values as there are bins, spread over the whole range of doubles on both
    // signs (the largest gaps between keys), a billion values in all (the largest counts).
    SplittableRandom random = new SplittableRandom(7);
    int bins = ProfileSettings.DEFAULTS.numericBins();
    NumericSummary summary = new NumericSummary(ProfileSettings.DEFAULTS);
    NumericSummary billion = new NumericSummary(ProfileSettings.DEFAULTS);
    for (int i = 0; i < bins; i++) {
      double value = (i % 2 == 0 ? 1 : -1) * Math.pow(10, random.nextDouble(-300, 300));
      summary.add(value);
      NumericSummary many = new NumericSummary(ProfileSettings.DEFAULTS);
      many.add(value);
      for (int k = 0; k < 18; k++) {
        many.merge(copyOf(many));
      }
      billion.merge(many);
    }
    assertThat(summary.isExact()).isTrue();
    assertThat(billion.isExact()).isTrue();
    assertThat(billion.count()).isGreaterThan(500_000_000L);
    assertThat(sizeOf(summary)).isLessThanOrEqualTo(BUDGET_BYTES);
    assertThat(sizeOf(billion)).isLessThanOrEqualTo(BUDGET_BYTES);
    summary.add(0.5);
    assertThat(summary.isExact()).isFalse();
  }

  private static NumericSummary copyOf(NumericSummary summary) {
    NumericSummary copy = new NumericSummary(summary.settings());
    copy.merge(summary);
    return copy;
  }

  private static int sizeOf(NumericSummary summary) {
    return summary.serializedBytes();
  }
}
