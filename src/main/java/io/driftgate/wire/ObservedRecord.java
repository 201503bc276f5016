package io.driftgate.wire;

import java.util.Map;

/**
 * One row of one dataset version, as observed on the records topic.
 *
 * <p>The row is the parser's own, refilled by its next parse of the same dataset: copying every row
 * would double the hot path's allocation. Use the record before the next parse, or keep a {@link
 * #detached()} copy. Treat it as read-only.
 *
 * @param cohortKey who read the row, or {@code null} when the producer did not say
 * @param row the record's fields by the dataset's layout
 */
public record ObservedRecord(
    String dataset, String version, long eventTimeMillis, String cohortKey, FieldRow row)
    implements ParseResult {

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

  /** The fields as a map (see {@link FieldRow#asMap()}): derived per call, not for the hot path. */
  public Map<String, Object> fields() {
    return row.asMap();
  }

  /** This record with a copy of its row that no later parse overwrites. */
  public ObservedRecord detached() {
    return new ObservedRecord(dataset, version, eventTimeMillis, cohortKey, row.copy());
  }
}
