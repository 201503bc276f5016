package io.driftgate.source;

import io.driftgate.wire.RecordParser;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one dataset version's rows are — files, a JDBC query, or an Iceberg table — and the rule
 * that gives each row its event time. {@link VersionSources#read} turns it into the records the
 * Kafka path would have parsed from the same rows. {@link SourceSpec} writes it as one line of
 * text.
 *
 * @param dataset the dataset, which must have a contract in the job
 * @param version the version every row is of
 * @param where where the rows are read from
 * @param eventTime a column, or one publication instant for every row
 */
public record VersionSource(String dataset, String version, Location where, EventTime eventTime)
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

  /** Where a version's rows are: one of {@link Files}, {@link JdbcQuery}, {@link IcebergTable}. */
  public sealed interface Location extends Serializable permits Files, JdbcQuery, IcebergTable {}

  /**
   * Files of one format.
   *
   * @param path a file, or a directory whose files (recursively, hidden ones aside) are all read
   */
  public record Files(Format format, String path) implements Location {
    public Files {
      if (format == null) {
        throw new IllegalArgumentException(
            "files: a format (PARQUET, CSV, JSON_LINES) is required");
      }
      require(path, "files: path");
    }
  }

  /**
   * The rows one SQL query returns, read once through flink-connector-jdbc's {@code JdbcSource}.
   *
   * @param url the JDBC URL, without credentials (a {@code password} parameter or a {@code
   *     user:password@} part is refused)
   * @param query one {@code SELECT}; give it an {@code ORDER BY} when rows should be numbered the
   *     same way on every run (the dead letters' origins, a restore's position)
   * @param user the database user, or {@code null} for none (the driver's default)
   * @param password where the password is read from, or {@code null} for none; never the value
   */
  public record JdbcQuery(String url, String query, Secret user, Secret password)
      implements Location {

    private static final Pattern PASSWORD_PARAMETER =
        Pattern.compile("[?&;:]password=", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:[^/]*//[^/@?]*:[^/@?]*@");

    public JdbcQuery {
      require(url, "jdbc: url");
      if (!url.startsWith("jdbc:")) {
        throw new IllegalArgumentException("jdbc: url must start with jdbc:, not " + url);
      }
      if (PASSWORD_PARAMETER.matcher(url).find() || USER_INFO.matcher(url).find()) {
        throw new IllegalArgumentException(
            "jdbc: the url must not hold a password; name an environment variable"
                + " (password-env=) or a file (password-file=) instead");
      }
      require(query, "jdbc: query");
      if (password != null && password.from() == Secret.From.VALUE) {
        throw new IllegalArgumentException(
            "jdbc: a password is read from an environment variable or a file, never given inline");
      }
    }

    /** The JDBC driver class for the URL's subprotocol, or {@code null} for DriverManager's. */
    public String driverClass() {
      if (url.startsWith("jdbc:postgresql:")) {
        return "org.postgresql.Driver";
      }
      if (url.startsWith("jdbc:h2:")) {
        return "org.h2.Driver";
      }
      return null;
    }
  }

  /**
   * A value given inline, or the name of an environment variable or a file holding it (read when
   * the source is built, trailing line breaks removed). Only a user name may be inline.
   */
  public record Secret(From from, String name) implements Serializable {

    /** Where the value is. */
    public enum From {
      VALUE,
      ENV,
      FILE
    }

    public Secret {
      Objects.requireNonNull(from, "secret: from");
      require(name, "secret: " + from.name().toLowerCase(Locale.ROOT));
    }

    /** The value: inline, or read from the environment or the file now. */
    public String resolve() {
      switch (from) {
        case VALUE -> {
          return name;
        }
        case ENV -> {
          String value = System.getenv(name);
          if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
          }
          return value;
        }
        default -> {
          try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(name))
                .replaceAll("[\r\n]+$", "");
          } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read secret file " + name + ": " + e, e);
          }
        }
      }
    }
  }

  /**
   * An Iceberg table, read once at one snapshot through Iceberg's Flink {@code IcebergSource}.
   *
   * @param warehouse a Hadoop catalog's warehouse, or {@code null} when {@code table} is the
   *     table's location
   * @param table the table's location (a Hadoop table), or {@code namespace.name} in the warehouse
   * @param at which snapshot
   */
  public record IcebergTable(String warehouse, String table, Snapshot at) implements Location {
    public IcebergTable {
      if (warehouse != null) {
        require(warehouse, "iceberg: warehouse");
      }
      require(table, "iceberg: table");
      if (warehouse != null && !table.contains(".")) {
        throw new IllegalArgumentException(
            "iceberg: a table in a warehouse is named namespace.table, not " + table);
      }
      Objects.requireNonNull(at, "iceberg: a snapshot (current, id, branch or tag) is required");
    }
  }

  /** Which snapshot of an Iceberg table is read. */
  public sealed interface Snapshot extends Serializable {
    /** The table's current snapshot when the source is built. */
    static Snapshot current() {
      return Current.INSTANCE;
    }

    static Snapshot id(long id) {
      return new SnapshotId(id);
    }

    static Snapshot branch(String name) {
      return new Branch(name);
    }

    static Snapshot tag(String name) {
      return new Tag(name);
    }
  }

  public enum Current implements Snapshot {
    INSTANCE
  }

  public record SnapshotId(long id) implements Snapshot {}

  public record Branch(String name) implements Snapshot {
    public Branch {
      require(name, "iceberg: branch");
    }
  }

  public record Tag(String name) implements Snapshot {
    public Tag {
      require(name, "iceberg: tag");
    }
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
    require(dataset, "version source: dataset");
    require(version, "version source: version");
    if (version.length() > RecordParser.MAX_VERSION_LENGTH) {
      throw new IllegalArgumentException(
          "version is "
              + version.length()
              + " characters long, more than the "
              + RecordParser.MAX_VERSION_LENGTH
              + " the database's version columns hold");
    }
    if (where == null) {
      throw new IllegalArgumentException(
          "source of "
              + dataset
              + " "
              + version
              + ": a location (files, a JDBC query or an Iceberg table) is required");
    }
    if (eventTime == null) {
      throw new IllegalArgumentException(
          "source of "
              + dataset
              + " "
              + version
              + ": an event time (a column, or the publication instant) is required");
    }
  }

  /** Files of one format: a file, or a directory read recursively. */
  public VersionSource(
      String dataset, String version, Format format, String path, EventTime eventTime) {
    this(dataset, version, new Files(format, path), eventTime);
  }

  private static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
