package io.driftgate.contract;

/** The Open Data Contract Standard logical types driftgate can profile. */
public enum LogicalType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  /** Numeric fields get a quantile profile and a KS test; the rest are profiled as categories. */
  public boolean isNumeric() {
    return this == INTEGER || this == NUMBER;
  }
}
