package io.driftgate.wire;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One row of one dataset version, as observed on the records topic.
 *
 * <p>The row is the parser's own, refilled by its next parse of the same dataset: copying every row
 * would double the hot path's allocation. Use the record before the next parse, or keep a {@link
 * #detached()} copy. Treat it as read-only.
 *
 * <p>The cohort key is read lazily: profiling never asks for it, so a record the plain reader read
 * keeps where the key's ASCII text is in the record's bytes and makes the string on the first
 * {@link #cohortKey()}, instead of every record paying a string and its array. Those bytes are the
 * value handed to {@link RecordParser#parse(byte[])}, which must not change while the record is in
 * use. Otherwise it behaves as the record class it was: accessors, {@code equals} and {@code
 * hashCode} over (dataset, version, eventTimeMillis, cohortKey, row), the row by identity, and the
 * same {@code toString}.
 */
public final class ObservedRecord implements ParseResult {

  private static final long serialVersionUID = 2L;

  private final String dataset;
  private final String version;
  private final long eventTimeMillis;

  /** The key, once made or when given; {@code null} also while it is only in {@link #source}. */
  private String cohortKey;

  /**
   * The bytes holding the key's ASCII text, else {@code null}. Kept after the key is made, so that
   * a thread that sees no key yet makes an equal one rather than none.
   */
  private final transient byte[] source;

  private final transient int keyOffset;
  private final transient int keyLength;
  private final FieldRow row;

  /**
   * @param cohortKey who read the row, or {@code null} when the producer did not say
   * @param row the record's fields by the dataset's layout
   */
  public ObservedRecord(
      String dataset, String version, long eventTimeMillis, String cohortKey, FieldRow row) {
    this(dataset, version, eventTimeMillis, cohortKey, null, 0, 0, row);
  }

  private ObservedRecord(
      String dataset,
      String version,
      long eventTimeMillis,
      String cohortKey,
      byte[] source,
      int keyOffset,
      int keyLength,
      FieldRow row) {
    this.dataset = dataset;
    this.version = version;
    this.eventTimeMillis = eventTimeMillis;
    this.cohortKey = cohortKey;
    this.source = source;
    this.keyOffset = keyOffset;
    this.keyLength = keyLength;
    this.row = row;
  }

  /**
   * A record of the given fields, used as they are (a row without layout).
   *
   * @param fields values of the Java types {@link io.driftgate.contract.FieldValidator} expects
   */
  public ObservedRecord(
      String dataset,
      String version,
      long eventTimeMillis,
      String cohortKey,
      Map<String, Object> fields) {
    this(dataset, version, eventTimeMillis, cohortKey, FieldRow.of(fields));
  }

  /**
   * A record whose cohort key is {@code bytes[offset, offset + length)}, ASCII text made a string
   * only when asked for; {@code bytes} must not change while the record is in use.
   */
  static ObservedRecord withAsciiCohortKey(
      String dataset,
      String version,
      long eventTimeMillis,
      byte[] bytes,
      int offset,
      int length,
      FieldRow row) {
    return new ObservedRecord(dataset, version, eventTimeMillis, null, bytes, offset, length, row);
  }

  public String dataset() {
    return dataset;
  }

  public String version() {
    return version;
  }

  public long eventTimeMillis() {
    return eventTimeMillis;
  }

  /**
   * Who read the row, or {@code null} when the producer did not say. Made on the first call when
   * the key is still in the record's bytes; the same string on every later call.
   */
  public String cohortKey() {
    String key = cohortKey;
    if (key == null && source != null) {
      key = new String(source, keyOffset, keyLength, StandardCharsets.ISO_8859_1);
      cohortKey = key;
    }
    return key;
  }

  /** The record's fields by the dataset's layout. */
  public FieldRow row() {
    return row;
  }

  /** The fields as a map (see {@link FieldRow#asMap()}): derived per call, not for the hot path. */
  public Map<String, Object> fields() {
    return row.asMap();
  }

  /** This record with a copy of its row that no later parse overwrites. */
  public ObservedRecord detached() {
    return new ObservedRecord(dataset, version, eventTimeMillis, cohortKey(), row.copy());
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof ObservedRecord other
            && eventTimeMillis == other.eventTimeMillis
            && Objects.equals(dataset, other.dataset)
            && Objects.equals(version, other.version)
            && Objects.equals(cohortKey(), other.cohortKey())
            && Objects.equals(row, other.row));
  }

  /** As the record class combined its components' hashes. */
  @Override
  public int hashCode() {
    int hash = Objects.hashCode(dataset);
    hash = 31 * hash + Objects.hashCode(version);
    hash = 31 * hash + Long.hashCode(eventTimeMillis);
    hash = 31 * hash + Objects.hashCode(cohortKey());
    return 31 * hash + Objects.hashCode(row);
  }

  @Override
  public String toString() {
    return "ObservedRecord[dataset="
        + dataset
        + ", version="
        + version
        + ", eventTimeMillis="
        + eventTimeMillis
        + ", cohortKey="
        + cohortKey()
        + ", row="
        + row
        + "]";
  }

  /** Java serialization writes the key as a string, never the bytes it was read from. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    cohortKey();
    out.defaultWriteObject();
  }
}
