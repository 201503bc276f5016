package io.driftgate.source;

import io.driftgate.contract.DataContract;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.EventTimeWatermarks;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.wire.FieldLayout;
import java.time.Duration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A dataset version's files as a bounded stream of the records the Kafka path would have parsed
 * from the same rows: same row kinds, same rejections, dead letters that name the file and row.
 */
public final class VersionSources {

  private VersionSources() {}

  /**
   * The bounded stream of {@code source}'s rows, with event-time timestamps and watermarks that
   * trail the newest event time by {@code outOfOrderness} (the job's lateness bound).
   *
   * @param limits the job's record limits; an event time is checked against the publication
   *     instant, or the file's modification time when it comes from a column
   */
  public static DataStream<SourceRecord> read(
      StreamExecutionEnvironment env,
      VersionSource source,
      ContractCatalog catalog,
      RecordLimits limits,
      Duration outOfOrderness) {
    return env.fromSource(
            fileSource(source, catalog, limits),
            EventTimeWatermarks.<SourceRecord>strategy(
                VersionSources::eventTime, outOfOrderness, null),
            "Files " + source.dataset() + " " + source.version())
        .uid("files-" + source.dataset() + "-" + source.version());
  }

  /** The {@link FileSource} of {@link #read}, for callers that assign their own watermarks. */
  public static FileSource<SourceRecord> fileSource(
      VersionSource source, ContractCatalog catalog, RecordLimits limits) {
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
    DataContract contract = catalog.contract(source.dataset());
    FieldLayout layout = catalog.fieldLayouts().get(source.dataset());
    RowMapper mapper = new RowMapper(source, layout, limits);
    BulkFormat<SourceRecord, FileSourceSplit> format =
        switch (source.format()) {
          case PARQUET -> new FileRows<>(FileFormats.parquet(), new ParquetRows(), mapper);
          case CSV ->
              new FileRows<>(FileFormats.csv(), new CsvRows(contract, timeColumn(source)), mapper);
          case JSON_LINES ->
              new FileRows<>(
                  new org.apache.flink.connector.file.src.reader.TextLineInputFormat(),
                  new JsonLines(),
                  mapper);
        };
    return FileSource.forBulkFileFormat(format, new Path(source.path())).build();
  }

  private static String timeColumn(VersionSource source) {
    return source.eventTime() instanceof VersionSource.Column column ? column.name() : null;
  }

  private static long eventTime(SourceRecord record) {
    return record.parsed() ? record.record().eventTimeMillis() : Long.MIN_VALUE;
  }
}
