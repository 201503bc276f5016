package io.driftgate.source;

import io.driftgate.job.RecordLimits;
import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.FieldRow;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import io.driftgate.wire.RowWriter;
import java.io.Serializable;
import java.util.Map;

/**
 * One row's columns as the record the Kafka path parses from an envelope of the same content: the
 * same row kinds ({@link RowWriter}), the same event-time rules and limits ({@link RecordLimits}),
 * no cohort key (a version read as a whole was read by no one). Pure, and one instance per reader:
 * the row it returns is refilled by the next call, as a parser's is.
 */
final class RowMapper implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final String version;
  private final FieldLayout layout;
  private final RecordLimits limits;

  /** The event-time column, or {@code null} when every row has {@link #publishedMillis}. */
  private final String timeColumn;

  private final boolean timeColumnIsField;
  private final long publishedMillis;

  /** What a row's observed-at time is when the event time comes from a column, for details. */
  private final String observedAtName;

  private transient RowWriter writer;

  RowMapper(VersionSource source, FieldLayout layout, RecordLimits limits) {
    this.dataset = source.dataset();
    this.version = source.version();
    this.layout = layout;
    this.limits = limits;
    this.observedAtName =
        source.where() instanceof VersionSource.Files
            ? "file modification time"
            : source.where() instanceof VersionSource.JdbcQuery
                ? "query time"
                : "snapshot commit time";
    if (source.eventTime() instanceof VersionSource.Column column) {
      this.timeColumn = column.name();
      this.timeColumnIsField = declares(layout, column.name());
      this.publishedMillis = 0;
    } else {
      this.timeColumn = null;
      this.timeColumnIsField = false;
      this.publishedMillis = ((VersionSource.Published) source.eventTime()).at().toEpochMilli();
    }
  }

  /**
   * When a row was observed: the publication instant, else {@code readMillis} (a file's
   * modification time, the time a query was run, a snapshot's commit time).
   */
  long observedAt(long readMillis) {
    return timeColumn == null ? publishedMillis : readMillis;
  }

  /**
   * @param columns the row's values by column name, of the types {@link RowWriter#put} takes
   * @param observedAtMillis from {@link #observedAt}
   */
  ParseResult map(Map<String, Object> columns, long observedAtMillis) {
    if (writer == null) {
      writer = new RowWriter(layout);
    }
    return map(columns, observedAtMillis, writer);
  }

  /**
   * Like {@link #map(Map, long)}, but the row is the record's own: for sources that build several
   * records before the first is emitted (a JDBC split reader fetches a batch on its own thread).
   */
  ParseResult mapToNewRow(Map<String, Object> columns, long observedAtMillis) {
    return map(columns, observedAtMillis, null);
  }

  /**
   * @param reused the reader's writer, or {@code null} for a new one
   */
  private ParseResult map(Map<String, Object> columns, long observedAtMillis, RowWriter reused) {
    long eventTime = publishedMillis;
    if (timeColumn != null) {
      Object time = columns.get(timeColumn);
      String problem = EventTimeColumn.problem(timeColumn, time);
      if (problem != null) {
        return new Rejection(RejectReason.BAD_EVENT_TIME, problem);
      }
      eventTime = EventTimeColumn.millis(time);
    }
    RowWriter writer = reused != null ? reused : new RowWriter(layout);
    writer.start();
    for (Map.Entry<String, Object> column : columns.entrySet()) {
      String name = column.getKey();
      if (name.equals(timeColumn) && !timeColumnIsField) {
        continue;
      }
      if (!writer.put(name, column.getValue())) {
        return new Rejection(RejectReason.MALFORMED_JSON, "duplicate column '" + name + "'");
      }
    }
    FieldRow row = writer.finish();
    return limits.checkTime(
        new ObservedRecord(dataset, version, eventTime, null, row),
        observedAtMillis,
        timeColumn == null ? "publication time" : observedAtName);
  }

  private static boolean declares(FieldLayout layout, String name) {
    for (int i = 0; i < layout.size(); i++) {
      if (layout.name(i).equals(name)) {
        return true;
      }
    }
    return false;
  }
}
