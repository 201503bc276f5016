package io.driftgate.contract;

/** Why a record's field breaks its contract; each kind is counted separately for the DLQ. */
public enum ViolationKind {
  /** A required field is absent or null. */
  MISSING_REQUIRED,
  /** The value is not of the field's logical type, e.g. a string in a number field. */
  WRONG_TYPE,
  /** A number outside the field's inclusive minimum and maximum. */
  OUT_OF_RANGE,
  /** A string outside the field's valid values. */
  NOT_ALLOWED,
  /** NaN or an infinity in a numeric field: quantile sketches cannot take them. */
  NOT_FINITE,
  /** A field the closed contract does not declare. */
  UNKNOWN_FIELD
}
