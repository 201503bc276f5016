package io.driftgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spike for issue 12: iceberg-flink-runtime-2.0 1.10.0 (built for Flink 2.0) on Flink 2.2. A table
 * of a local Hadoop catalog gets two snapshots; IcebergSource reads the first one back, bounded, by
 * snapshot id and by a branch pointing at it, and the current snapshot with both.
 */
class IcebergSnapshotTest {

  @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.StringType.get()),
          Types.NestedField.optional(2, "x", Types.DoubleType.get()),
          Types.NestedField.required(3, "ts", Types.TimestampType.withZone()));

  @TempDir Path warehouse;

  @Test
  void aSnapshotOfAHadoopCatalogTableIsReadThroughFlink22() throws Exception {
    Configuration hadoop = new Configuration();
    TableIdentifier name = TableIdentifier.of("db", "features");
    Table table;
    try (HadoopCatalog catalog = new HadoopCatalog(hadoop, warehouse.toUri().toString())) {
      table = catalog.createTable(name, SCHEMA, PartitionSpec.unpartitioned());
    }
    append(table, "first", 0, 3);
    long first = table.currentSnapshot().snapshotId();
    append(table, "second", 3, 5);
    assertThat(table.currentSnapshot().snapshotId()).isNotEqualTo(first);

    table.manageSnapshots().createBranch("candidate", first).commit();

    assertThat(ids(IcebergSource.forRowData().useSnapshotId(first), table, hadoop))
        .containsExactlyInAnyOrder("id-0", "id-1", "id-2");
    assertThat(ids(IcebergSource.forRowData().branch("candidate"), table, hadoop))
        .containsExactlyInAnyOrder("id-0", "id-1", "id-2");
    assertThat(ids(IcebergSource.forRowData(), table, hadoop))
        .containsExactlyInAnyOrder("id-0", "id-1", "id-2", "id-3", "id-4");
  }

  /** The ids a bounded IcebergSource reads from {@code table}. */
  private static List<String> ids(
      IcebergSource.Builder<RowData> source, Table table, Configuration hadoop) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    List<String> ids = new ArrayList<>();
    try (CloseableIterator<RowData> rows =
        source
            .tableLoader(TableLoader.fromHadoopTable(table.location(), hadoop))
            .streaming(false)
            .buildStream(env)
            .executeAndCollect()) {
      rows.forEachRemaining(row -> ids.add(row.getString(0).toString()));
    }
    return ids;
  }

  private static void append(Table table, String file, int from, int until) throws Exception {
    OutputFile out = table.io().newOutputFile(table.location() + "/data/" + file + ".parquet");
    FileAppender<Record> appender =
        new GenericAppenderFactory(table.schema()).newAppender(out, FileFormat.PARQUET);
    try (appender) {
      for (int i = from; i < until; i++) {
        GenericRecord row = GenericRecord.create(table.schema());
        row.setField("id", "id-" + i);
        row.setField("x", i * 0.5);
        row.setField("ts", java.time.OffsetDateTime.parse("2026-03-02T09:00:00Z").plusSeconds(i));
        appender.add(row);
      }
    }
    DataFile data =
        DataFiles.builder(PartitionSpec.unpartitioned())
            .withInputFile(out.toInputFile())
            .withMetrics(appender.metrics())
            .withFormat(FileFormat.PARQUET)
            .build();
    table.newAppend().appendFile(data).commit();
  }
}
