package io.driftgate.contract;

import java.util.List;

/**
 * One property of a contract's schema.
 *
 * @param minimum inclusive lower bound for numeric fields, or {@code null}
 * @param maximum inclusive upper bound for numeric fields, or {@code null}
 * @param allowedValues the closed set of values a categorical field may take; empty means any
 * @param gates the field's own quality gates (null rate, violation rate)
 */
public record FieldSpec(
    String name,
    LogicalType type,
    boolean required,
    boolean unique,
    Double minimum,
    Double maximum,
    List<String> allowedValues,
    DriftCheck drift,
    List<QualityGate> gates)
    implements java.io.Serializable {

  public FieldSpec {
    allowedValues = List.copyOf(allowedValues);
    gates = List.copyOf(gates);
  }
}
