package io.driftgate.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks records against a contract on the hot path: violations are returned as values, bad data
 * never throws, and a conforming record costs map lookups and comparisons only, answered with a
 * shared empty list.
 *
 * <p>A profiler that also needs the typed values walks the fields itself:
 *
 * <pre>{@code
 * for (FieldValidator field : validator.fields()) {
 *   Object value = record.get(field.name());
 *   ViolationKind violation = field.check(value);
 *   if (violation != null) {
 *     // count a violation of field.name(); the value is not profiled
 *   } else if (value == null) {
 *     // count a null
 *   } else if (field.spec().type().isNumeric()) {
 *     quantiles.update(FieldValidator.numericValue(value));
 *   } else {
 *     categories.add(FieldValidator.categoryValue(value));
 *   }
 * }
 * int unknown = validator.unknownFieldCount(record); // violations of a closed contract
 * }</pre>
 */
public final class RecordValidator {

  private static final String UNKNOWN_FIELD_DETAIL = "field is not in the closed contract";

  private final List<FieldValidator> fields;
  private final FieldValidator[] fieldArray;
  private final Set<String> fieldNames;
  private final boolean closed;

  public RecordValidator(DataContract contract) {
    this.fields = contract.fields().stream().map(FieldValidator::new).toList();
    this.fieldArray = fields.toArray(FieldValidator[]::new);
    this.fieldNames = new HashSet<>(fields.size() * 2);
    fields.forEach(f -> fieldNames.add(f.name()));
    this.closed = contract.closed();
  }

  /** Whether keys the contract does not declare are violations. */
  public boolean closed() {
    return closed;
  }

  /** One validator per contract field, in the contract's order. */
  public List<FieldValidator> fields() {
    return fields;
  }

  /**
   * @param record the record's fields by name, as Jackson reads a JSON object
   * @return every violation of the record, in contract field order then unknown fields; the shared
   *     immutable empty list when the record conforms
   */
  public List<Violation> validate(Map<String, ?> record) {
    List<Violation> violations = null;
    for (FieldValidator field : fieldArray) {
      Object value = record.get(field.name());
      ViolationKind kind = field.check(value);
      if (kind != null) {
        if (violations == null) {
          violations = new ArrayList<>(2);
        }
        String detail =
            kind == ViolationKind.MISSING_REQUIRED
                ? (record.containsKey(field.name())
                    ? "required field is null"
                    : "required field is absent")
                : field.describe(kind, value);
        violations.add(new Violation(field.name(), kind, detail));
      }
    }
    if (closed) {
      for (String key : record.keySet()) {
        if (!fieldNames.contains(key)) {
          if (violations == null) {
            violations = new ArrayList<>(2);
          }
          violations.add(new Violation(key, ViolationKind.UNKNOWN_FIELD, UNKNOWN_FIELD_DETAIL));
        }
      }
    }
    return violations == null ? List.of() : violations;
  }

  /** Keys of the record the contract does not declare; always 0 for an open contract. */
  public int unknownFieldCount(Map<String, ?> record) {
    if (!closed) {
      return 0;
    }
    int unknown = 0;
    for (String key : record.keySet()) {
      if (!fieldNames.contains(key)) {
        unknown++;
      }
    }
    return unknown;
  }
}
