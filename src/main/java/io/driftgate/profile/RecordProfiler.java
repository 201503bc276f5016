package io.driftgate.profile;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.FieldValidator;
import io.driftgate.contract.RecordValidator;
import io.driftgate.contract.Violation;
import io.driftgate.contract.ViolationKind;
import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.FieldRow;
import java.util.Arrays;
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
  private final FieldLayout layout;
  private FieldLayout boundLayout;
  private long truncatedCategories;

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
        Arrays.stream(fields).map(FieldValidator::name).distinct().count() == fields.length;
    this.layout = layoutOf(contract);
  }

  /**
   * The layout a parser reads rows of {@code contract}'s dataset by: its fields in contract order
   * (none when names repeat, so that every row takes the map path).
   */
  public static FieldLayout layoutOf(DataContract contract) {
    List<String> names = contract.fields().stream().map(FieldSpec::name).toList();
    return names.stream().distinct().count() == names.size()
        ? FieldLayout.of(names)
        : FieldLayout.NONE;
  }

  /**
   * Category values this profiler truncated to {@link ProfileText#MAX_BYTES} so far: the profile
   * format has no room for the count, so the job reports it as a metric.
   */
  public long truncatedCategories() {
    return truncatedCategories;
  }

  /**
   * The layout rows must be parsed by for {@link #observe(DatasetProfile, FieldRow, long, long)}.
   */
  public FieldLayout layout() {
    return layout;
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
      if (value != null) {
        present++;
      }
      violated |= observeValue(targets[i], i, field, value);
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

  /**
   * {@link #observe(DatasetProfile, Map, long, long)} for a parsed row, with the same profile bytes
   * and violations, but without a map lookup or a boxed number per field when the row was read by
   * this contract's layout. A row of another layout (or made from a map) takes the map path.
   *
   * @param row the record's fields; read during this call only
   */
  public List<Violation> observe(
      DatasetProfile profile, FieldRow row, long eventTimeMillis, long observedAtMillis) {
    if (!boundTo(row.layout())) {
      return observe(profile, row.asMap(), eventTimeMillis, observedAtMillis);
    }
    FieldProfile[] targets = targetsOf(profile);
    boolean violated = false;
    for (int i = 0; i < fields.length; i++) {
      FieldValidator field = fields[i];
      FieldProfile target = targets[i];
      byte kind = row.kind(i);
      if (kind == FieldRow.DOUBLE || kind == FieldRow.INT || kind == FieldRow.LONG) {
        double number = row.number(i);
        if (field.checkNumber(number, kind != FieldRow.DOUBLE) != null) {
          violated = true;
          target.addViolation();
        } else if (kinds[i] == FieldKind.NUMERIC && !unique[i]) {
          target.addNumber(number);
        } else {
          add(target, i, row.value(i));
        }
        continue;
      }
      // Strings, booleans and nested values are not boxed by value(); only a BigInteger was.
      violated |= observeValue(target, i, field, row.value(i));
    }
    List<Violation> violations =
        violated || (validator.closed() && row.undeclaredCount() > 0)
            ? validator.validate(row.asMap())
            : List.of();
    profile.recordObserved(eventTimeMillis, observedAtMillis, !violations.isEmpty());
    return violations;
  }

  /** Whether rows of {@code layout} hold this contract's fields by position. */
  private boolean boundTo(FieldLayout rowLayout) {
    if (rowLayout == boundLayout) {
      return true;
    }
    if (distinctNames && rowLayout.sameAs(layout)) {
      boundLayout = rowLayout;
      return true;
    }
    return false;
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

  /**
   * Counts one boxed value into its field: a violation (and a null, when missing), a null, or a
   * value of the field's distribution.
   *
   * @return whether the value violates the contract
   */
  private boolean observeValue(FieldProfile target, int index, FieldValidator field, Object value) {
    ViolationKind kind = field.check(value);
    if (kind != null) {
      target.addViolation();
      if (value == null) {
        target.addNull();
      }
      return true;
    }
    if (value == null) {
      target.addNull();
    } else {
      add(target, index, value);
    }
    return false;
  }

  private void add(FieldProfile target, int index, Object value) {
    switch (kinds[index]) {
      case NUMERIC -> target.addNumber(FieldValidator.numericValue(value));
      case CATEGORICAL -> {
        if (target.addCategory(FieldValidator.categoryValue(value))) {
          truncatedCategories++;
        }
      }
      case COUNTED -> {}
    }
    if (unique[index]) {
      target.addKey(FieldValidator.categoryValue(value));
    }
  }
}
