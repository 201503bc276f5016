package io.driftgate.source;

import static io.driftgate.source.VersionSourcesTest.BOUND;
import static io.driftgate.source.VersionSourcesTest.CATALOG;
import static io.driftgate.source.VersionSourcesTest.DATASET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.job.KafkaPath;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.IcebergTable;
import io.driftgate.wire.RejectReason;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset version read from an Iceberg table of a local Hadoop catalog: each snapshot (by id,
 * branch, tag, or the current one) gives exactly its rows, as the records the Kafka path parses
 * from the same fields; a row without event time is dead-lettered with its data file and row.
 */
class IcebergVersionSourceTest {

  @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

  private static final Schema ROWS =
      new Schema(
          Types.NestedField.optional(1, "ts", Types.TimestampType.withZone()),
          Types.NestedField.required(2, "id", Types.StringType.get()),
          Types.NestedField.optional(3, "x", Types.DoubleType.get()),
          Types.NestedField.required(4, "seg", Types.StringType.get()),
          Types.NestedField.optional(5, "y", Types.DoubleType.get()));

  private static final Instant PUBLISHED = Instant.parse("2026-03-02T12:00:00Z");

  @TempDir Path warehouse;

  @Test
  void eachSnapshotGivesItsRowsAsTheKafkaPathWouldParseThem() throws Exception {
    Table table = create("features", ROWS);
    String first = append(table, "first", 3, i -> row(ROWS, i, VersionSourcesTest.timeOf(i)));
    long firstId = table.currentSnapshot().snapshotId();
    long firstCommit = table.currentSnapshot().timestampMillis();
    String second = append(table, "second", 2, i -> row(ROWS, i + 3, i == 1 ? null : 0L));
    table.manageSnapshots().createBranch("candidate", firstId).commit();
    table.manageSnapshots().createTag("v1", firstId).commit();

    for (VersionSource.Snapshot at :
        List.of(
            VersionSource.Snapshot.id(firstId),
            VersionSource.Snapshot.branch("candidate"),
            VersionSource.Snapshot.tag("v1"))) {
      List<SourceRecord> records = read(new IcebergTable(null, table.location(), at), "ts");
      assertThat(records).as("%s", at).hasSize(3).allMatch(SourceRecord::parsed);
      assertThat(records).extracting(SourceRecord::observedAtMillis).containsOnly(firstCommit);
      assertThat(records)
          .extracting(SourceRecord::origin)
          .containsExactly(
              "iceberg:" + first + "#row=1",
              "iceberg:" + first + "#row=2",
              "iceberg:" + first + "#row=3");
      List<SourceRecord> kafka = kafka(3, i -> VersionSourcesTest.timeOf(i), firstCommit);
      for (int i = 0; i < 3; i++) {
        assertThat(records.get(i).record().row().asMap())
            .isEqualTo(kafka.get(i).record().row().asMap());
        assertThat(records.get(i).record().eventTimeMillis())
            .isEqualTo(kafka.get(i).record().eventTimeMillis());
      }
    }

    List<SourceRecord> current =
        read(
            new IcebergTable(
                warehouse.toUri().toString(), "db.features", VersionSource.Snapshot.current()),
            "ts");
    assertThat(current).hasSize(5);
    assertThat(current)
        .filteredOn(r -> !r.parsed())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rejection().reason()).isEqualTo(RejectReason.BAD_EVENT_TIME);
              assertThat(r.origin()).isEqualTo("iceberg:" + second + "#row=2");
              assertThat(r.rejection().detail())
                  .isEqualTo("event time column ts is empty or absent");
            });
  }

  /** Every Iceberg type: the row is the one parsed from the JSON a producer would write. */
  @Test
  void eachIcebergTypeBecomesTheValueOfItsJson() throws Exception {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "i", Types.IntegerType.get()),
            Types.NestedField.optional(2, "l", Types.LongType.get()),
            Types.NestedField.optional(3, "lsmall", Types.LongType.get()),
            Types.NestedField.optional(4, "f", Types.FloatType.get()),
            Types.NestedField.optional(5, "d", Types.DoubleType.get()),
            Types.NestedField.optional(6, "dec", Types.DecimalType.of(12, 3)),
            Types.NestedField.optional(7, "s", Types.StringType.get()),
            Types.NestedField.optional(8, "b", Types.BooleanType.get()),
            Types.NestedField.optional(9, "dt", Types.DateType.get()),
            Types.NestedField.optional(10, "tm", Types.TimeType.get()),
            Types.NestedField.optional(11, "ts", Types.TimestampType.withoutZone()),
            Types.NestedField.optional(12, "tstz", Types.TimestampType.withZone()),
            Types.NestedField.optional(13, "bin", Types.BinaryType.get()),
            Types.NestedField.optional(14, "fx", Types.FixedType.ofLength(3)),
            Types.NestedField.optional(
                16,
                "st",
                Types.StructType.of(
                    Types.NestedField.optional(17, "a", Types.IntegerType.get()),
                    Types.NestedField.optional(18, "b", Types.StringType.get()))),
            Types.NestedField.optional(
                19, "li", Types.ListType.ofOptional(20, Types.LongType.get())),
            Types.NestedField.optional(
                21,
                "m",
                Types.MapType.ofOptional(22, 23, Types.StringType.get(), Types.DoubleType.get())));
    Table table = create("typed", schema);
    append(
        table,
        "typed",
        2,
        n -> {
          GenericRecord row = GenericRecord.create(schema);
          if (n == 1) {
            return row;
          }
          row.setField("i", 7);
          row.setField("l", 9_000_000_000L);
          row.setField("lsmall", 5L);
          row.setField("f", 1.1f);
          row.setField("d", 2.25);
          row.setField("dec", new BigDecimal("12.500"));
          row.setField("s", "text");
          row.setField("b", true);
          row.setField("dt", LocalDate.parse("2026-03-02"));
          row.setField("tm", LocalTime.parse("09:30:15"));
          row.setField("ts", LocalDateTime.parse("2026-03-02T09:00:00.123456"));
          row.setField("tstz", OffsetDateTime.parse("2026-03-02T10:00:00.5+01:00"));
          row.setField("bin", ByteBuffer.wrap(new byte[] {1, 2, 3}));
          row.setField("fx", new byte[] {4, 5, 6});
          GenericRecord st = GenericRecord.create(schema.findType("st").asStructType());
          st.setField("a", 1);
          st.setField("b", "x");
          row.setField("st", st);
          row.setField("li", List.of(1L, 9_000_000_000L));
          row.setField("m", Map.of("k", 0.5));
          return row;
        });
    String json =
        "{\"i\":7,\"l\":9000000000,\"lsmall\":5,\"f\":1.1,\"d\":2.25,\"dec\":12.5,"
            + "\"s\":\"text\",\"b\":true,\"dt\":\"2026-03-02\",\"tm\":\"09:30:15\","
            + "\"ts\":1772442000123,\"tstz\":1772442000500,\"bin\":\"AQID\",\"fx\":\"BAUG\","
            + "\"st\":{\"a\":1,\"b\":\"x\"},"
            + "\"li\":[1,9000000000],\"m\":{\"k\":0.5}}";
    String nulls =
        "{\"i\":null,\"l\":null,\"lsmall\":null,\"f\":null,\"d\":null,\"dec\":null,"
            + "\"s\":null,\"b\":null,\"dt\":null,\"tm\":null,\"ts\":null,\"tstz\":null,"
            + "\"bin\":null,\"fx\":null,\"st\":null,\"li\":null,\"m\":null}";

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    VersionSource source =
        new VersionSource(
            DATASET,
            "v2",
            new IcebergTable(null, table.location(), VersionSource.Snapshot.current()),
            EventTime.published(PUBLISHED));
    List<SourceRecord> records = collect(env, source);
    List<SourceRecord> kafka =
        KafkaPath.deserialize(
            CATALOG,
            "records",
            List.of(
                VersionSourcesTest.envelopeOf(PUBLISHED.toEpochMilli(), json),
                VersionSourcesTest.envelopeOf(PUBLISHED.toEpochMilli(), nulls)),
            PUBLISHED.toEpochMilli());
    assertThat(records).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(records.get(i).record().row().asMap())
          .isEqualTo(kafka.get(i).record().row().asMap());
    }
  }

  @Test
  void aSnapshotThatIsNotThereIsSaid() throws Exception {
    Table table = create("features", ROWS);
    append(table, "first", 1, i -> row(ROWS, i, 0L));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    assertThatThrownBy(
            () ->
                VersionSources.read(
                    env,
                    new VersionSource(
                        DATASET,
                        "v2",
                        new IcebergTable(
                            null, table.location(), VersionSource.Snapshot.branch("audit")),
                        EventTime.column("ts")),
                    CATALOG,
                    RecordLimits.DEFAULTS,
                    BOUND))
        .hasMessage(
            "source of it.features v2: Iceberg table "
                + table.location()
                + " has no branch audit (refs: [main])");
  }

  // ------------------------------------------------------------------ helpers

  private List<SourceRecord> read(IcebergTable table, String timeColumn) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    return collect(env, new VersionSource(DATASET, "v2", table, EventTime.column(timeColumn)));
  }

  private static List<SourceRecord> collect(StreamExecutionEnvironment env, VersionSource source)
      throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    try (CloseableIterator<SourceRecord> records =
        VersionSources.read(env, source, CATALOG, RecordLimits.DEFAULTS, BOUND)
            .executeAndCollect()) {
      records.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<SourceRecord> kafka(int rows, IntFunction<Long> time, long kafkaTime)
      throws Exception {
    List<byte[]> envelopes = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      envelopes.add(VersionSourcesTest.envelope(time.apply(i), VersionSourcesTest.fields(i)));
    }
    return KafkaPath.deserialize(CATALOG, "records", envelopes, kafkaTime);
  }

  private Table create(String name, Schema schema) throws Exception {
    try (HadoopCatalog catalog =
        new HadoopCatalog(new Configuration(), warehouse.toUri().toString())) {
      return catalog.createTable(
          TableIdentifier.of("db", name), schema, PartitionSpec.unpartitioned());
    }
  }

  /** Row {@code i} of VersionSourcesTest's fields, with {@code ts} epoch millis or null. */
  private static Record row(Schema schema, int i, Long ts) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField(
        "ts",
        ts == null
            ? null
            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), java.time.ZoneOffset.UTC));
    VersionSourcesTest.fields(i).forEach(row::setField);
    return row;
  }

  /** Appends one Parquet data file of {@code rows} rows as a new snapshot; returns its location. */
  private static String append(Table table, String file, int rows, IntFunction<Record> row)
      throws Exception {
    OutputFile out = table.io().newOutputFile(table.location() + "/data/" + file + ".parquet");
    FileAppender<Record> appender =
        new GenericAppenderFactory(table.schema()).newAppender(out, FileFormat.PARQUET);
    try (appender) {
      for (int i = 0; i < rows; i++) {
        appender.add(row.apply(i));
      }
    }
    DataFile data =
        DataFiles.builder(PartitionSpec.unpartitioned())
            .withInputFile(out.toInputFile())
            .withMetrics(appender.metrics())
            .withFormat(FileFormat.PARQUET)
            .build();
    table.newAppend().appendFile(data).commit();
    return data.location();
  }
}
