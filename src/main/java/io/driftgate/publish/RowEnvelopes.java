package io.driftgate.publish;

import io.driftgate.contract.DataContract;
import io.driftgate.source.EventTimeColumn;
import io.driftgate.source.VersionSource;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules that turn a row into a Kafka record of the records topic, the file source's rules
 * ({@code docs/sources.md}): the event time from a column ({@link EventTimeColumn}) or the
 * version's publication instant; the event-time column, and the cohort-key column, are not fields
 * unless the contract declares a field of that name. A row whose event time cannot be read, or that
 * JSON cannot carry, is refused with the reason.
 */
public final class RowEnvelopes {

  private final String dataset;
  private final String version;
  private final String timeColumn;
  private final long publishedMillis;
  private final String cohortColumn;
  private final byte[] versionKey;
  private final EnvelopeWriter writer;

  /**
   * @param source the dataset, version and event-time rule (its format and path are the reader's)
   * @param contract the dataset's contract, which says which columns are fields
   * @param cohortKeyColumn the column holding each row's cohort key, or {@code null}
   */
  public RowEnvelopes(VersionSource source, DataContract contract, String cohortKeyColumn) {
    this.dataset = source.dataset();
    this.version = source.version();
    if (source.eventTime() instanceof VersionSource.Column column) {
      this.timeColumn = column.name();
      this.publishedMillis = 0;
    } else {
      this.timeColumn = null;
      this.publishedMillis = ((VersionSource.Published) source.eventTime()).at().toEpochMilli();
    }
    this.cohortColumn = cohortKeyColumn;
    Set<String> leftOut = new HashSet<>();
    for (String column : new String[] {timeColumn, cohortKeyColumn}) {
      if (column != null && contract.field(column).isEmpty()) {
        leftOut.add(column);
      }
    }
    this.versionKey = versionKey(dataset, version);
    this.writer = new EnvelopeWriter(dataset, version, leftOut);
  }

  /**
   * The Kafka key of a row without a cohort key, {@code <dataset>/<version>} in UTF-8: all of them
   * land on one partition, in the order they were read, as the file source reads one file.
   */
  public static byte[] versionKey(String dataset, String version) {
    return (dataset + "/" + version).getBytes(StandardCharsets.UTF_8);
  }

  /** A Kafka record's key and value, or why the row is refused. */
  public sealed interface Outcome {}

  /** The key (the cohort key, else {@link #versionKey}) and the envelope. */
  public record Message(byte[] key, byte[] value) implements Outcome {}

  public record Refused(Rejection rejection) implements Outcome {}

  public Outcome envelope(RowReader.Row row) {
    if (row.problem() != null) {
      return new Refused(row.problem());
    }
    long eventTime = publishedMillis;
    if (timeColumn != null) {
      Object time = row.columns().get(timeColumn);
      String problem = EventTimeColumn.problem(timeColumn, time);
      if (problem != null) {
        return new Refused(new Rejection(RejectReason.BAD_EVENT_TIME, problem));
      }
      eventTime = EventTimeColumn.millis(time);
    }
    String cohortKey = null;
    if (cohortColumn != null) {
      Object cohort = row.columns().get(cohortColumn);
      if (cohort instanceof String
          || cohort instanceof Integer
          || cohort instanceof Long
          || cohort instanceof BigInteger) {
        cohortKey = cohort.toString();
      } else if (cohort != null) {
        return new Refused(
            new Rejection(
                RejectReason.MALFORMED_JSON,
                "cohort key column "
                    + cohortColumn
                    + " holds a "
                    + cohort.getClass().getSimpleName()
                    + ", neither text nor an integer"));
      }
    }
    try {
      byte[] value = writer.write(eventTime, cohortKey, row.columns());
      return new Message(
          cohortKey == null ? versionKey : cohortKey.getBytes(StandardCharsets.UTF_8), value);
    } catch (IllegalArgumentException e) {
      return new Refused(new Rejection(RejectReason.MALFORMED_JSON, e.getMessage()));
    }
  }
}
