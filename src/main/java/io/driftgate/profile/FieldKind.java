package io.driftgate.profile;

import io.driftgate.contract.FieldSpec;

/** How a field's present values are summarized. */
public enum FieldKind {
  NUMERIC,
  CATEGORICAL,
  /** Counted (nulls, violations, distinct keys) but not summarized, e.g. dates. */
  COUNTED;

  public static FieldKind of(FieldSpec spec) {
    return switch (spec.type()) {
      case INTEGER, NUMBER -> NUMERIC;
      case STRING, BOOLEAN -> CATEGORICAL;
      case DATE, TIMESTAMP -> COUNTED;
    };
  }
}
