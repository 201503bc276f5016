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
  void exactSummaryAtItsLimitFitsTheBudget() {
    NumericSummary summary = new NumericSummary(ProfileSettings.DEFAULTS);
    for (int i = 0; i < ProfileSettings.DEFAULTS.exactLimit(); i++) {
      summary.add(i * 0.1);
    }
    assertThat(summary.isExact()).isTrue();
    assertThat(sizeOf(summary)).isLessThanOrEqualTo(BUDGET_BYTES);
    summary.add(1.0);
    assertThat(summary.isExact()).isFalse();
  }

  @Test
  void countedSummaryAtItsLimitFitsTheBudget() {
    NumericSummary summary = new NumericSummary(ProfileSettings.DEFAULTS);
    int limit = NumericSummary.countLimit(ProfileSettings.DEFAULTS);
    for (int i = 0; i < 10 * ProfileSettings.DEFAULTS.exactLimit(); i++) {
      summary.add(i % limit);
    }
    assertThat(summary.form()).isEqualTo(NumericSummary.Form.COUNTS);
    assertThat(sizeOf(summary)).isLessThanOrEqualTo(BUDGET_BYTES);
    summary.add(limit);
    assertThat(summary.form()).isEqualTo(NumericSummary.Form.BINNED);
  }

  private static int sizeOf(NumericSummary summary) {
    return summary.serializedBytes();
  }
}
