package io.driftgate.profile;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.FieldValidator;
import io.driftgate.contract.RecordValidator;
import io.driftgate.contract.Violation;
import io.driftgate.contract.ViolationKind;
import java.util.List;
import java.util.Map;

/**
 * Feeds one record of a dataset into a profile of one of its versions: the per-record work of the
 * hot path. Each field is checked once; a violating value counts as a violation of its field (and a
 * missing required value also as a null, so the null-rate gate sees it) and never reaches the
 * field's distribution. Violation details are built only for records that have any, so a conforming
 * record costs a type switch and a sketch update per field.
 */
public final class RecordProfiler {

  private final RecordValidator validator;
  private final FieldValidator[] fields;
  private final FieldKind[] kinds;
  private final boolean[] unique;

  public RecordProfiler(DataContract contract) {
    this.validator = new RecordValidator(contract);
    this.fields = validator.fields().toArray(FieldValidator[]::new);
    this.kinds = new FieldKind[fields.length];
    this.unique = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = FieldKind.of(fields[i].spec());
      unique[i] = fields[i].spec().unique();
    }
  }

  /**
   * @param fieldValues the record's fields, as {@link FieldValidator} expects them
   * @param observedAtMillis when the record was observed (its Kafka timestamp), see {@link
   *     DatasetProfile#recordObserved}
   * @return the record's violations, the shared empty list when it conforms
   */
  public List<Violation> observe(
      DatasetProfile profile,
      Map<String, ?> fieldValues,
      long eventTimeMillis,
      long observedAtMillis) {
    boolean violated = false;
    for (int i = 0; i < fields.length; i++) {
      FieldValidator field = fields[i];
      Object value = fieldValues.get(field.name());
      ViolationKind kind = field.check(value);
      FieldProfile target = profile.field(field.name());
      if (kind != null) {
        violated = true;
        target.addViolation();
        if (value == null) {
          target.addNull();
        }
      } else if (value == null) {
        target.addNull();
      } else {
        add(target, i, value);
      }
    }
    List<Violation> violations =
        violated || validator.unknownFieldCount(fieldValues) > 0
            ? validator.validate(fieldValues)
            : List.of();
    profile.recordObserved(eventTimeMillis, observedAtMillis, !violations.isEmpty());
    return violations;
  }

  private void add(FieldProfile target, int index, Object value) {
    switch (kinds[index]) {
      case NUMERIC -> target.addNumber(FieldValidator.numericValue(value));
      case CATEGORICAL -> target.addCategory(FieldValidator.categoryValue(value));
      case COUNTED -> {}
    }
    if (unique[index]) {
      target.addKey(FieldValidator.categoryValue(value));
    }
  }
}
