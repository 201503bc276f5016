package io.driftgate.source;

import io.driftgate.wire.RecordParser;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one dataset version's rows are when they are files: a file or a directory of files of one
 * format, and the rule that gives each row its event time. {@link VersionSources#read} turns it
 * into the records the Kafka path would have parsed from the same rows.
 *
 * @param dataset the dataset, which must have a contract in the job
 * @param version the version every row is of
 * @param path a file, or a directory whose files (recursively, hidden ones aside) are all read
 * @param eventTime a column, or one publication instant for every row
 */
public record VersionSource(
    String dataset, String version, Format format, String path, EventTime eventTime)
    implements Serializable {

  /** The file formats rows are read from; see {@code docs/sources.md} for how columns map. */
  public enum Format {
    /** Parquet files, read with their own schema; logical types map as the docs say. */
    PARQUET,
    /** CSV with a header row naming the columns; cells are text, typed by the contract. */
    CSV,
    /** One JSON object per line, read as a Kafka record's {@code fields} object is. */
    JSON_LINES
  }

  /** How a row gets its event time. */
  public sealed interface EventTime extends Serializable {

    /**
     * The row's value in {@code name}: ISO-8601 text, epoch millis, or a timestamp type. The column
     * is not a field of the record unless the contract declares a field of that name.
     */
    static EventTime column(String name) {
      return new Column(name);
    }

    /** The same instant, the version's publication time, for every row. */
    static EventTime published(Instant at) {
      return new Published(at);
    }
  }

  public record Column(String name) implements EventTime {
    public Column {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("event time column: a column name is required");
      }
    }
  }

  public record Published(Instant at) implements EventTime {
    public Published {
      Objects.requireNonNull(at, "event time: the publication instant is required");
    }
  }

  public VersionSource {
    require(dataset, "dataset");
    require(version, "version");
    if (version.length() > RecordParser.MAX_VERSION_LENGTH) {
      throw new IllegalArgumentException(
          "version is "
              + version.length()
              + " characters long, more than the "
              + RecordParser.MAX_VERSION_LENGTH
              + " the database's version columns hold");
    }
    if (format == null) {
      throw new IllegalArgumentException(
          "source of "
              + dataset
              + " "
              + version
              + ": a format (PARQUET, CSV, JSON_LINES) is required");
    }
    require(path, "path");
    if (eventTime == null) {
      throw new IllegalArgumentException(
          "source of "
              + dataset
              + " "
              + version
              + ": an event time (a column, or the publication instant) is required");
    }
  }

  private static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("version source: " + what + " must not be blank");
    }
  }
}
