package io.driftgate.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one field's values against its {@link FieldSpec}. Everything the check needs is resolved
 * at construction, so a per-record check is a type switch and a few comparisons, with no allocation
 * and no exception.
 *
 * <p>Values are those Jackson produces from JSON: {@code String}, {@code Integer}, {@code Long},
 * {@code Double}, {@code BigInteger}, {@code BigDecimal}, {@code Boolean}, {@code null}, {@code
 * Map} or {@code List}. Numbers must be JSON numbers: a numeric string in a numeric field is a
 * {@link ViolationKind#WRONG_TYPE}, except that {@code "NaN"} and the infinities are reported as
 * {@link ViolationKind#NOT_FINITE}, which is what they mean.
 */
public final class FieldValidator {

  private static final int MAX_QUOTED_LENGTH = 64;

  private final FieldSpec spec;
  private final double minimum;
  private final double maximum;
  private final Set<String> allowedValues;

  public FieldValidator(FieldSpec spec) {
    this.spec = spec;
    this.minimum = spec.minimum() == null ? Double.NEGATIVE_INFINITY : spec.minimum();
    this.maximum = spec.maximum() == null ? Double.POSITIVE_INFINITY : spec.maximum();
    this.allowedValues = spec.allowedValues().isEmpty() ? null : Set.copyOf(spec.allowedValues());
  }

  public FieldSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  /**
   * @param value the field's value, {@code null} when the record lacks the field or holds JSON null
   * @return the violation, or {@code null} when the value conforms; a null value conforms unless
   *     the field is required
   */
  public ViolationKind check(Object value) {
    if (value == null) {
      return spec.required() ? ViolationKind.MISSING_REQUIRED : null;
    }
    return switch (spec.type()) {
      case STRING -> checkString(value);
      case INTEGER -> checkNumber(value, true);
      case NUMBER -> checkNumber(value, false);
      case BOOLEAN -> value instanceof Boolean ? null : ViolationKind.WRONG_TYPE;
      case DATE ->
          value instanceof String text && IsoTemporal.isDate(text)
              ? null
              : ViolationKind.WRONG_TYPE;
      case TIMESTAMP -> isTimestamp(value) ? null : ViolationKind.WRONG_TYPE;
    };
  }

  /**
   * {@link #check} for a JSON number read as a primitive, without boxing it: the same answer as for
   * the {@code Integer}, {@code Long} or {@code Double} it would have been.
   *
   * @param integralType whether the number was written without fraction or exponent and fits a
   *     {@code long} (an {@code Integer} or {@code Long}); otherwise a {@code Double}
   */
  public ViolationKind checkNumber(double value, boolean integralType) {
    return switch (spec.type()) {
      case INTEGER -> checkNumber(value, integralType, true);
      case NUMBER -> checkNumber(value, integralType, false);
      case TIMESTAMP -> integralType ? null : ViolationKind.WRONG_TYPE;
      case STRING, BOOLEAN, DATE -> ViolationKind.WRONG_TYPE;
    };
  }

  private ViolationKind checkNumber(double value, boolean integralType, boolean integral) {
    if (!Double.isFinite(value)) {
      return ViolationKind.NOT_FINITE;
    }
    if (integral && !integralType && value != Math.rint(value)) {
      return ViolationKind.WRONG_TYPE;
    }
    return value < minimum || value > maximum ? ViolationKind.OUT_OF_RANGE : null;
  }

  /**
   * The value a quantile sketch takes, for a non-null value of an integer or number field that
   * {@link #check} accepted.
   */
  public static double numericValue(Object value) {
    return ((Number) value).doubleValue();
  }

  /**
   * The category a frequency profile counts, for a non-null value of a string, boolean, date or
   * timestamp field that {@link #check} accepted: the string itself, {@code "true"} or {@code
   * "false"}, or the epoch millis of a timestamp in decimal.
   */
  public static String categoryValue(Object value) {
    return value instanceof String text ? text : value.toString();
  }

  /** Explains a violation {@link #check} returned for {@code value}, for the dead-letter output. */
  public String describe(ViolationKind kind, Object value) {
    return switch (kind) {
      case MISSING_REQUIRED -> "required field is null or absent";
      case WRONG_TYPE -> "expected " + expectedType() + ", got " + describe(value);
      case OUT_OF_RANGE -> outOfRange(numericValue(value));
      case NOT_ALLOWED ->
          describe(value) + " is not one of: " + String.join(", ", spec.allowedValues());
      case NOT_FINITE -> "expected a finite number, got " + describe(value);
      case UNKNOWN_FIELD ->
          throw new IllegalArgumentException("a declared field is never unknown: " + name());
    };
  }

  private ViolationKind checkString(Object value) {
    if (!(value instanceof String text)) {
      return ViolationKind.WRONG_TYPE;
    }
    return allowedValues == null || allowedValues.contains(text) ? null : ViolationKind.NOT_ALLOWED;
  }

  private ViolationKind checkNumber(Object value, boolean integral) {
    if (!(value instanceof Number number)) {
      return value instanceof String text && isNonFiniteLiteral(text)
          ? ViolationKind.NOT_FINITE
          : ViolationKind.WRONG_TYPE;
    }
    double asDouble = number.doubleValue();
    if (!Double.isFinite(asDouble)) {
      return ViolationKind.NOT_FINITE;
    }
    if (integral && !isWhole(number, asDouble)) {
      return ViolationKind.WRONG_TYPE;
    }
    return asDouble < minimum || asDouble > maximum ? ViolationKind.OUT_OF_RANGE : null;
  }

  /** JSON has no integer type of its own: {@code 3.0} is an integer, {@code 3.5} is not. */
  private static boolean isWhole(Number number, double asDouble) {
    if (isIntegralType(number)) {
      return true;
    }
    if (number instanceof BigDecimal decimal) {
      return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }
    return asDouble == Math.rint(asDouble);
  }

  private static boolean isTimestamp(Object value) {
    if (value instanceof String text) {
      return IsoTemporal.isTimestamp(text);
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE;
    }
    return value instanceof Number number && isIntegralType(number);
  }

  private static boolean isIntegralType(Number number) {
    return number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger;
  }

  private static boolean isNonFiniteLiteral(String text) {
    return switch (text) {
      case "NaN", "Infinity", "+Infinity", "-Infinity" -> true;
      default -> false;
    };
  }

  private String expectedType() {
    return switch (spec.type()) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case DATE -> "a date (yyyy-MM-dd)";
      case TIMESTAMP -> "a timestamp (ISO-8601 date-time with offset, or epoch millis)";
    };
  }

  private String outOfRange(double value) {
    String shown = ContractNode.format(value);
    return value < minimum
        ? shown + " is below minimum " + ContractNode.format(minimum)
        : shown + " is above maximum " + ContractNode.format(maximum);
  }

  private static String describe(Object value) {
    if (value instanceof String text) {
      return text.length() <= MAX_QUOTED_LENGTH
          ? "string '" + text + "'"
          : "string '" + text.substring(0, MAX_QUOTED_LENGTH) + "...'";
    }
    if (value instanceof Number) {
      return "number " + value;
    }
    if (value instanceof Boolean) {
      return "boolean " + value;
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return value.getClass().getSimpleName();
  }
}
