package io.driftgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.contract.ContractLoader;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.KafkaPath;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.job.TestJobs;
import io.driftgate.job.WindowProfile;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.Format;
import io.driftgate.testing.FixtureTime;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset version read from Parquet, CSV and JSON-lines files through Flink's FileSource is
 * profiled exactly as the same rows sent as Kafka envelopes: the same window profiles, byte for
 * byte, and the same dead letters, each file row's naming its file and row.
 */
class VersionSourcesTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  static final ContractCatalog CATALOG =
      new ContractCatalog(
          List.of(
              ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"))));
  static final String DATASET = "it.features";
  static final long MINUTE = 60_000;
  static final Duration BOUND = Duration.ofSeconds(5);
  static final Instant T0 = FixtureTime.T0;
  static final Instant PUBLISHED = T0.plus(Duration.ofHours(1));
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rows 0..239, one a second, with a violation, a missing required value and a bad time. */
  static final int ROWS = 240;

  static final int VIOLATING = 17;
  static final int MISSING_X = 42;
  static final int BAD_TIME = 99;

  @TempDir Path dir;

  @Test
  void parquetRowsAreProfiledAsTheSameKafkaRecords() throws Exception {
    Path file = dir.resolve("part-0.parquet");
    writeParquet(file);
    assertSameAsKafka(read(Format.PARQUET, file, EventTime.column("ts")), file, i -> i + 1);
  }

  @Test
  void csvRowsAreProfiledAsTheSameKafkaRecords() throws Exception {
    Path file = dir.resolve("part-0.csv");
    writeCsv(file);
    assertSameAsKafka(read(Format.CSV, file, EventTime.column("ts")), file, i -> i + 1);
  }

  @Test
  void jsonLinesAreProfiledAsTheSameKafkaRecords() throws Exception {
    Path file = dir.resolve("part-0.jsonl");
    writeJsonLines(file, true);
    assertSameAsKafka(
        read(Format.JSON_LINES, file, EventTime.column("ts")), file, i -> i == 0 ? 1 : i + 2);
  }

  /** Every row at the publication instant: one window holds the version, none is late. */
  @Test
  void aPublicationTimePutsEveryRowInOneWindow() throws Exception {
    Path file = dir.resolve("part-0.jsonl");
    writeJsonLines(file, false);
    List<SourceRecord> fromFiles = read(Format.JSON_LINES, file, EventTime.published(PUBLISHED));
    KafkaPath.Profiled files = KafkaPath.profile(CATALOG, fromFiles, MINUTE, BOUND.toMillis());
    List<byte[]> envelopes = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      envelopes.add(envelope(PUBLISHED.toEpochMilli(), fields(i)));
    }
    KafkaPath.Profiled kafka =
        KafkaPath.profile(
            CATALOG,
            KafkaPath.deserialize(CATALOG, "records", envelopes, PUBLISHED.toEpochMilli()),
            MINUTE,
            BOUND.toMillis());

    assertThat(files.windows()).hasSize(1);
    assertSameProfiles(files, kafka);
    assertThat(files.deadLetters())
        .extracting(DeadLetter::reason)
        .doesNotContain(RejectReason.LATE);
    assertCounted(files, ROWS);
  }

  /** A directory is read recursively, in parallel; every row once, named by its own file. */
  @Test
  void aDirectoryOfFilesIsReadInParallelWithEachRowNamedByItsFile() throws Exception {
    Path version = Files.createDirectories(dir.resolve("v2").resolve("day=2"));
    writeJsonLines(dir.resolve("v2").resolve("part-0.jsonl"), false);
    writeJsonLines(version.resolve("part-1.jsonl"), false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    VersionSource source =
        new VersionSource(
            DATASET,
            "v2",
            Format.JSON_LINES,
            dir.resolve("v2").toString(),
            EventTime.published(PUBLISHED));
    List<String> origins = new ArrayList<>();
    try (CloseableIterator<SourceRecord> records =
        VersionSources.read(env, source, CATALOG, RecordLimits.DEFAULTS, BOUND)
            .executeAndCollect()) {
      records.forEachRemaining(r -> origins.add(r.origin()));
    }
    assertThat(origins).hasSize(2 * ROWS).doesNotHaveDuplicates();
    assertThat(origins)
        .contains(
            "file:" + dir.resolve("v2").resolve("part-0.jsonl") + "#row=1",
            "file:" + version.resolve("part-1.jsonl") + "#row=" + (ROWS + 1));
  }

  @Test
  void aSpecIsValidatedWithMessagesThatNameWhatIsMissing() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new VersionSource(DATASET, " ", Format.CSV, "/data", EventTime.column("ts")))
        .hasMessage("version source: version must not be blank");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new VersionSource(DATASET, "v2", Format.CSV, "/data", null))
        .hasMessage(
            "source of it.features v2: an event time (a column, or the publication instant) is"
                + " required");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new VersionSource(DATASET, "v2", null, EventTime.column("ts")))
        .hasMessage(
            "source of it.features v2: a location (files, a JDBC query or an Iceberg table) is"
                + " required");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new VersionSource(DATASET, "v2", null, " ", EventTime.column("ts")))
        .hasMessage("files: a format (PARQUET, CSV, JSON_LINES) is required");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                VersionSources.fileSource(
                    new VersionSource("no.such", "v2", Format.CSV, "/data", EventTime.column("ts")),
                    CATALOG,
                    RecordLimits.DEFAULTS))
        .hasMessage(
            "source of no.such v2: dataset no.such has no contract in this job (known:"
                + " [it.features])");
  }

  // ------------------------------------------------------------------ the comparison

  /**
   * @param rowNumber the number of row {@code i} in its file's dead-letter origin
   */
  private void assertSameAsKafka(
      List<SourceRecord> fromFiles, Path file, java.util.function.IntUnaryOperator rowNumber)
      throws Exception {
    assertSameAsKafka(
        fromFiles, "file:" + file, Files.getLastModifiedTime(file).toMillis(), rowNumber);
  }

  /**
   * @param origin the origin of the source's rows, without {@code #row=n}
   * @param modified the rows' observed-at time
   */
  static void assertSameAsKafka(
      List<SourceRecord> fromFiles,
      String origin,
      long modified,
      java.util.function.IntUnaryOperator rowNumber)
      throws Exception {
    List<byte[]> envelopes = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Object time = i == BAD_TIME ? "not-a-time" : timeOf(i);
      envelopes.add(envelope(time, fields(i)));
    }
    KafkaPath.Profiled kafka =
        KafkaPath.profile(
            CATALOG,
            KafkaPath.deserialize(CATALOG, "records", envelopes, modified),
            MINUTE,
            BOUND.toMillis());
    KafkaPath.Profiled files = KafkaPath.profile(CATALOG, fromFiles, MINUTE, BOUND.toMillis());

    assertThat(fromFiles).hasSize(ROWS);
    assertThat(files.windows()).hasSize(4);
    assertSameProfiles(files, kafka);
    assertThat(files.deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactlyElementsOf(kafka.deadLetters().stream().map(DeadLetter::reason).toList());
    assertThat(details(files, RejectReason.CONTRACT_VIOLATION))
        .hasSize(2)
        .isEqualTo(details(kafka, RejectReason.CONTRACT_VIOLATION));
    assertThat(files.deadLetters())
        .filteredOn(l -> l.reason() == RejectReason.BAD_EVENT_TIME)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.origin()).isEqualTo(origin + "#row=" + rowNumber.applyAsInt(BAD_TIME));
              assertThat(l.detail()).startsWith("event time column ts ");
            });
    assertThat(files.deadLetters())
        .filteredOn(l -> l.reason() == RejectReason.CONTRACT_VIOLATION)
        .extracting(DeadLetter::origin)
        .containsExactly(
            origin + "#row=" + rowNumber.applyAsInt(VIOLATING),
            origin + "#row=" + rowNumber.applyAsInt(MISSING_X));
    assertCounted(files, ROWS);
  }

  static void assertSameProfiles(KafkaPath.Profiled files, KafkaPath.Profiled kafka) {
    assertThat(files.windows()).hasSameSizeAs(kafka.windows());
    for (int w = 0; w < files.windows().size(); w++) {
      WindowProfile file = files.windows().get(w);
      WindowProfile record = kafka.windows().get(w);
      assertThat(List.of(file.dataset(), file.version(), file.windowStart(), file.windowEnd()))
          .isEqualTo(
              List.of(
                  record.dataset(), record.version(), record.windowStart(), record.windowEnd()));
      assertThat(Arrays.equals(file.profile(), record.profile()))
          .as("window %d's profile bytes", w)
          .isTrue();
    }
  }

  /** Every row is profiled or dead-lettered; a violating row is both. */
  private static void assertCounted(KafkaPath.Profiled profiled, int rows) {
    long profiledRecords = 0;
    long violating = 0;
    for (WindowProfile window : profiled.windows()) {
      DatasetProfile profile = DatasetProfile.fromBytes(window.profile());
      profiledRecords += profile.records();
      violating += profile.violatingRecords();
    }
    long refused =
        profiled.deadLetters().stream()
            .filter(l -> l.reason() != RejectReason.CONTRACT_VIOLATION)
            .count();
    assertThat(profiledRecords + refused).isEqualTo(rows);
    assertThat(violating)
        .isEqualTo(
            profiled.deadLetters().stream()
                .filter(l -> l.reason() == RejectReason.CONTRACT_VIOLATION)
                .count());
  }

  private static List<String> details(KafkaPath.Profiled profiled, RejectReason reason) {
    return profiled.deadLetters().stream()
        .filter(l -> l.reason() == reason)
        .map(DeadLetter::detail)
        .collect(Collectors.toList());
  }

  private List<SourceRecord> read(Format format, Path file, EventTime time) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    VersionSource source =
        new VersionSource(DATASET, "v2", new VersionSource.Files(format, file.toString()), time);
    List<SourceRecord> out = new ArrayList<>();
    try (CloseableIterator<SourceRecord> records =
        VersionSources.read(env, source, CATALOG, RecordLimits.DEFAULTS, BOUND)
            .executeAndCollect()) {
      records.forEachRemaining(out::add);
    }
    return out;
  }

  // ------------------------------------------------------------------ the rows

  static long timeOf(int i) {
    return T0.toEpochMilli() + i * 1_000L;
  }

  static Map<String, Object> fields(int i) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", "id-" + i);
    fields.put("x", i == MISSING_X ? null : i % 7 == 0 ? (double) (i / 7) : Math.sin(i));
    fields.put("seg", i == VIOLATING ? "zzz" : i % 3 == 0 ? "a" : "b");
    fields.put("y", i % 10 == 0 ? null : (double) i);
    return fields;
  }

  static byte[] envelope(Object eventTime, Map<String, Object> fields) throws IOException {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("dataset", DATASET);
    envelope.put("version", "v2");
    envelope.put("event_time", eventTime);
    envelope.put("fields", fields);
    return JSON.writeValueAsBytes(envelope);
  }

  /** A v2 envelope of {@code fields}, already JSON text, as a producer would write it. */
  static byte[] envelopeOf(long eventTime, String fields) {
    return ("{\"dataset\":\""
            + DATASET
            + "\",\"version\":\"v2\",\"event_time\":"
            + eventTime
            + ",\"fields\":"
            + fields
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The files are published an hour after their first row. */
  static void published(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(PUBLISHED));
  }

  static void writeParquet(Path file) throws IOException {
    Schema time = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema =
        SchemaBuilder.record("row")
            .fields()
            .name("ts")
            .type(Schema.createUnion(Schema.create(Schema.Type.NULL), time))
            .withDefault(null)
            .requiredString("id")
            .optionalDouble("x")
            .requiredString("seg")
            .optionalDouble("y")
            .endRecord();
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withSchema(schema)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        GenericRecord row = new GenericData.Record(schema);
        row.put("ts", i == BAD_TIME ? null : timeOf(i));
        fields(i).forEach(row::put);
        writer.write(row);
      }
    }
    published(file);
  }

  static void writeCsv(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("ts,id,x,seg,y\n");
    for (int i = 0; i < ROWS; i++) {
      Map<String, Object> f = fields(i);
      csv.append(
              i == BAD_TIME
                  ? "not-a-time"
                  : i % 2 == 0 ? Instant.ofEpochMilli(timeOf(i)).toString() : timeOf(i))
          .append(',')
          .append(f.get("id"))
          .append(',')
          .append(cell(f.get("x")))
          .append(',')
          .append(f.get("seg"))
          .append(',')
          .append(cell(f.get("y")))
          .append('\n');
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    published(file);
  }

  /** A double as Jackson writes it into an envelope; null as an empty cell. */
  private static String cell(Object value) throws IOException {
    return value == null ? "" : JSON.writeValueAsString(value);
  }

  /**
   * ISO-8601 times on even rows, epoch millis on odd ones (or no time column), a blank line after
   * the first row: it is no row, and row numbers are line numbers.
   */
  static void writeJsonLines(Path file, boolean withTime) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      if (withTime) {
        row.put(
            "ts",
            i == BAD_TIME
                ? "not-a-time"
                : i % 2 == 0 ? Instant.ofEpochMilli(timeOf(i)).toString() : timeOf(i));
      }
      row.putAll(fields(i));
      lines.append(JSON.writeValueAsString(row)).append('\n');
      if (i == 0) {
        lines.append("  \n");
      }
    }
    Files.writeString(file, lines, StandardCharsets.UTF_8);
    published(file);
  }
}
