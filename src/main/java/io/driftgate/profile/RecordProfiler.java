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
 *
 * <p>The field profiles of the last few profiles fed are remembered by position, so a record does
 * not look each field's profile up by name: the job alternates between a handful of open profiles
 * (one per version and window), and a lookup by name per field was a sixth of the profiling cost.
 * Not thread-safe, like the operator that owns it.
 */
public final class RecordProfiler {

  /** Open profiles whose field arrays are remembered; more than the versions of one rollout. */
  private static final int REMEMBERED_PROFILES = 4;

  private final RecordValidator validator;
  private final FieldValidator[] fields;
  private final FieldKind[] kinds;
  private final boolean[] unique;
  private final boolean distinctNames;
  private final DatasetProfile[] rememberedProfiles = new DatasetProfile[REMEMBERED_PROFILES];
  private final FieldProfile[][] rememberedTargets = new FieldProfile[REMEMBERED_PROFILES][];
  private int nextSlot;

  public RecordProfiler(DataContract contract) {
    this.validator = new RecordValidator(contract);
    this.fields = validator.fields().toArray(FieldValidator[]::new);
    this.kinds = new FieldKind[fields.length];
    this.unique = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = FieldKind.of(fields[i].spec());
      unique[i] = fields[i].spec().unique();
    }
    this.distinctNames =
        java.util.Arrays.stream(fields).map(FieldValidator::name).distinct().count()
            == fields.length;
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
    FieldProfile[] targets = targetsOf(profile);
    boolean violated = false;
    int present = 0;
    for (int i = 0; i < fields.length; i++) {
      FieldValidator field = fields[i];
      Object value = fieldValues.get(field.name());
      ViolationKind kind = field.check(value);
      FieldProfile target = targets[i];
      if (value != null) {
        present++;
      }
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
    // Every key of the row is a declared field when as many declared fields held a value as the
    // row has keys: then the closed-contract check cannot find an unknown field, skip it.
    boolean maybeUnknown = !distinctNames || present != fieldValues.size();
    List<Violation> violations =
        violated || (maybeUnknown && validator.unknownFieldCount(fieldValues) > 0)
            ? validator.validate(fieldValues)
            : List.of();
    profile.recordObserved(eventTimeMillis, observedAtMillis, !violations.isEmpty());
    return violations;
  }

  /** The profile's field profiles in the contract's order, remembered by profile identity. */
  private FieldProfile[] targetsOf(DatasetProfile profile) {
    for (int s = 0; s < REMEMBERED_PROFILES; s++) {
      if (rememberedProfiles[s] == profile) {
        return rememberedTargets[s];
      }
    }
    FieldProfile[] targets = new FieldProfile[fields.length];
    for (int i = 0; i < fields.length; i++) {
      targets[i] = profile.field(fields[i].name());
    }
    int slot = nextSlot;
    nextSlot = (nextSlot + 1) % REMEMBERED_PROFILES;
    rememberedProfiles[slot] = profile;
    rememberedTargets[slot] = targets;
    return targets;
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
