package io.driftgate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;

/**
 * Field-by-field equality, doubles compared by their bits: AssertJ's default tolerates a difference
 * of 1e-15 and calls two NaNs different, and a serializer must do neither.
 */
final class SameValue {

  private static final Comparator<Double> BITS =
      Comparator.comparingLong(Double::doubleToRawLongBits);

  private SameValue() {}

  /**
   * As {@link #assertSameValue}, but any NaN equals any other: Java serialization, the format of
   * the releases before, writes every NaN as the canonical one.
   */
  static void assertSameValueUpToNaNPayload(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(expected);
  }

  static void assertSameValue(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withComparatorForType(BITS, Double.class)
        .isEqualTo(expected);
  }
}
