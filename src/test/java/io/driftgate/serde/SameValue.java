package io.driftgate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.profile.NumericSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
        .withEqualsForType(SameValue::sameSummary, NumericSummary.class)
        .isEqualTo(expected);
  }

  static void assertSameValue(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withComparatorForType(BITS, Double.class)
        .withEqualsForType(SameValue::sameSummary, NumericSummary.class)
        .isEqualTo(expected);
  }

  /** A summary's hash table is laid out by its history; its canonical bytes are its value. */
  private static boolean sameSummary(NumericSummary a, NumericSummary b) {
    return Arrays.equals(canonical(a), canonical(b));
  }

  private static byte[] canonical(NumericSummary summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      summary.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
