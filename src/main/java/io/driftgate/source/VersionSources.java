package io.driftgate.source;

import io.driftgate.contract.DataContract;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.EventTimeWatermarks;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.wire.FieldLayout;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A dataset version's rows — files, a JDBC query's result, an Iceberg snapshot — as a bounded
 * stream of the records the Kafka path would have parsed from the same rows: same row kinds, same
 * rejections, dead letters that name where each row came from.
 */
public final class VersionSources {

  private VersionSources() {}

  /**
   * The bounded stream of {@code source}'s rows, with event-time timestamps and watermarks that
   * trail the newest event time by {@code outOfOrderness} (the job's lateness bound). The
   * operator's uid is {@code files-}, {@code jdbc-} or {@code iceberg-<dataset>-<version>}.
   *
   * @param limits the job's record limits; an event time is checked against the publication
   *     instant, or, when it comes from a column, the file's modification time, the time the query
   *     is run (now) or the snapshot's commit time
   */
  public static DataStream<SourceRecord> read(
      StreamExecutionEnvironment env,
      VersionSource source,
      ContractCatalog catalog,
      RecordLimits limits,
      Duration outOfOrderness) {
    WatermarkStrategy<SourceRecord> watermarks =
        EventTimeWatermarks.<SourceRecord>strategy(VersionSources::eventTime, outOfOrderness, null);
    String name = source.dataset() + " " + source.version();
    String uid = source.dataset() + "-" + source.version();
    if (source.where() instanceof VersionSource.Files) {
      return env.fromSource(fileSource(source, catalog, limits), watermarks, "Files " + name)
          .uid("files-" + uid);
    }
    if (source.where() instanceof VersionSource.JdbcQuery) {
      return env.fromSource(
              jdbcSource(source, catalog, limits, System.currentTimeMillis()),
              watermarks,
              "JDBC " + name)
          .uid("jdbc-" + uid);
    }
    return IcebergRows.read(env, source, mapper(source, catalog, limits), watermarks, name, uid);
  }

  /** The {@link FileSource} of {@link #read}, for callers that assign their own watermarks. */
  public static FileSource<SourceRecord> fileSource(
      VersionSource source, ContractCatalog catalog, RecordLimits limits) {
    if (!(source.where() instanceof VersionSource.Files files)) {
      throw new IllegalArgumentException(
          "source of " + source.dataset() + " " + source.version() + " is not files");
    }
    RowMapper mapper = mapper(source, catalog, limits);
    DataContract contract = catalog.contract(source.dataset());
    BulkFormat<SourceRecord, FileSourceSplit> format =
        switch (files.format()) {
          case PARQUET -> new FileRows<>(FileFormats.parquet(), new ParquetRows(), mapper);
          case CSV ->
              new FileRows<>(FileFormats.csv(), new CsvRows(contract, timeColumn(source)), mapper);
          case JSON_LINES ->
              new FileRows<>(
                  new org.apache.flink.connector.file.src.reader.TextLineInputFormat(),
                  new JsonLines(),
                  mapper);
        };
    return FileSource.forBulkFileFormat(format, new Path(files.path())).build();
  }

  /**
   * The {@link JdbcSource} of {@link #read}; the user and password are resolved now.
   *
   * @param queryMillis when the query is taken to be run: the rows' observed-at time when the event
   *     time comes from a column
   */
  public static JdbcSource<SourceRecord> jdbcSource(
      VersionSource source, ContractCatalog catalog, RecordLimits limits, long queryMillis) {
    if (!(source.where() instanceof VersionSource.JdbcQuery query)) {
      throw new IllegalArgumentException(
          "source of " + source.dataset() + " " + source.version() + " is not a JDBC query");
    }
    return JdbcRows.source(query, mapper(source, catalog, limits), queryMillis);
  }

  /** The mapper of {@code source}'s rows, once its dataset is known to have a contract. */
  static RowMapper mapper(VersionSource source, ContractCatalog catalog, RecordLimits limits) {
    if (!catalog.knows(source.dataset())) {
      throw new IllegalArgumentException(
          "source of "
              + source.dataset()
              + " "
              + source.version()
              + ": dataset "
              + source.dataset()
              + " has no contract in this job (known: "
              + catalog.datasets()
              + ")");
    }
    FieldLayout layout = catalog.fieldLayouts().get(source.dataset());
    return new RowMapper(source, layout, limits);
  }

  private static String timeColumn(VersionSource source) {
    return source.eventTime() instanceof VersionSource.Column column ? column.name() : null;
  }

  private static long eventTime(SourceRecord record) {
    return record.parsed() ? record.record().eventTimeMillis() : Long.MIN_VALUE;
  }
}
