package io.driftgate.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What one field of one dataset version looked like: how often it was null or broke the contract,
 * and the distribution of its valid values.
 */
public final class FieldProfile {

  private final String name;
  private final FieldKind kind;
  private final NumericSummary numeric;
  private final CategorySummary categories;
  private final DistinctSummary distinct;
  private long nulls;
  private long violations;

  FieldProfile(String name, FieldKind kind, boolean unique, ProfileSettings settings) {
    this(
        name,
        kind,
        kind == FieldKind.NUMERIC ? new NumericSummary(settings) : null,
        kind == FieldKind.CATEGORICAL ? new CategorySummary(settings) : null,
        unique ? new DistinctSummary(settings.distinctLgK()) : null);
  }

  private FieldProfile(
      String name,
      FieldKind kind,
      NumericSummary numeric,
      CategorySummary categories,
      DistinctSummary distinct) {
    this.name = name;
    this.kind = kind;
    this.numeric = numeric;
    this.categories = categories;
    this.distinct = distinct;
  }

  public void addNumber(double value) {
    numeric.add(value);
  }

  /**
   * @return whether the value was truncated to {@link ProfileText#MAX_BYTES}
   */
  public boolean addCategory(String value) {
    return categories.add(value);
  }

  /** Records a unique-key value (any kind); ignored when the field is not a unique key. */
  public void addKey(String value) {
    if (distinct != null) {
      distinct.add(value);
    }
  }

  public void addNull() {
    nulls++;
  }

  public void addViolation() {
    violations++;
  }

  void merge(FieldProfile other) {
    if (!name.equals(other.name) || kind != other.kind) {
      throw new IllegalArgumentException(
          "cannot merge field "
              + other.name
              + " ("
              + other.kind
              + ") into "
              + name
              + " ("
              + kind
              + ")");
    }
    nulls += other.nulls;
    violations += other.violations;
    if (numeric != null) {
      numeric.merge(other.numeric);
    }
    if (categories != null) {
      categories.merge(other.categories);
    }
    if (distinct != null && other.distinct != null) {
      distinct.merge(other.distinct);
    }
  }

  public String name() {
    return name;
  }

  public FieldKind kind() {
    return kind;
  }

  public long nulls() {
    return nulls;
  }

  public long violations() {
    return violations;
  }

  /** The numeric summary, or {@code null} when the field is not numeric. */
  public NumericSummary numeric() {
    return numeric;
  }

  /** The category summary, or {@code null} when the field is not categorical. */
  public CategorySummary categories() {
    return categories;
  }

  /** The distinct-key summary, or {@code null} when the field is not a unique key. */
  public DistinctSummary distinct() {
    return distinct;
  }

  void writeTo(DataOutput out) throws IOException {
    ProfileText.write(out, name);
    out.writeByte(kind.ordinal());
    out.writeBoolean(distinct != null);
    out.writeLong(nulls);
    out.writeLong(violations);
    if (numeric != null) {
      numeric.writeTo(out);
    }
    if (categories != null) {
      categories.writeTo(out);
    }
    if (distinct != null) {
      distinct.writeTo(out);
    }
  }

  static FieldProfile readFrom(DataInput in, ProfileSettings settings) throws IOException {
    String name = in.readUTF();
    int kindOrdinal = in.readByte();
    if (kindOrdinal < 0 || kindOrdinal >= FieldKind.values().length) {
      throw new IOException("field " + name + ": unknown kind " + kindOrdinal);
    }
    FieldKind kind = FieldKind.values()[kindOrdinal];
    boolean unique = in.readBoolean();
    long nulls = in.readLong();
    long violations = in.readLong();
    NumericSummary numeric =
        kind == FieldKind.NUMERIC ? NumericSummary.readFrom(in, settings) : null;
    CategorySummary categories =
        kind == FieldKind.CATEGORICAL ? CategorySummary.readFrom(in, settings) : null;
    DistinctSummary distinct = unique ? DistinctSummary.readFrom(in, settings.distinctLgK()) : null;
    FieldProfile field = new FieldProfile(name, kind, numeric, categories, distinct);
    field.nulls = nulls;
    field.violations = violations;
    return field;
  }
}
