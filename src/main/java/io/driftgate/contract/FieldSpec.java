package io.driftgate.contract;

import java.util.List;

/**
 * One property of a contract's schema.
 *
 * @param minimum inclusive lower bound for numeric fields, or {@code null}
 * @param maximum inclusive upper bound for numeric fields, or {@code null}
 * @param allowedValues the closed set of values a categorical field may take; empty means any
 * @param gates the field's own quality gates (null rate, violation rate)
 * @param rateDrifts the field's rates compared with the baseline's (null rate, violation rate)
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
    List<QualityGate> gates,
    List<RateDriftGate> rateDrifts)
    implements java.io.Serializable {

  public FieldSpec {
    allowedValues = List.copyOf(allowedValues);
    gates = List.copyOf(gates);
    rateDrifts = List.copyOf(rateDrifts);
  }

  /**
   * A field whose rates are not compared with the baseline's. Contracts loaded from YAML get the
   * defaults of {@code docs/contracts.md} instead; this is for fields built in code.
   */
  public FieldSpec(
      String name,
      LogicalType type,
      boolean required,
      boolean unique,
      Double minimum,
      Double maximum,
      List<String> allowedValues,
      DriftCheck drift,
      List<QualityGate> gates) {
    this(name, type, required, unique, minimum, maximum, allowedValues, drift, gates, List.of());
  }
}
