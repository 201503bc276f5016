package io.driftgate.source;

import static io.driftgate.source.VersionSourcesTest.BAD_TIME;
import static io.driftgate.source.VersionSourcesTest.CATALOG;
import static io.driftgate.source.VersionSourcesTest.DATASET;
import static io.driftgate.source.VersionSourcesTest.ROWS;
import static io.driftgate.source.VersionSourcesTest.fields;
import static io.driftgate.source.VersionSourcesTest.timeOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.cli.TestCli;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.publish.Publisher;
import io.driftgate.publish.RowEnvelopes;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftgate publish} against a real broker: the rows of a Parquet, a CSV and a JSON-lines
 * file (VersionSourcesTest's) arrive as envelopes the job's parser reads back into the file's
 * values and event times; a row without a readable time is rejected locally, named by its origin;
 * every row read is counted as sent or rejected, and the summary line says so.
 */
class PublishCommandTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTRACTS = "src/test/resources/it-contracts";

  @TempDir Path dir;

  @Test
  void aParquetFileIsPublishedAsTheJobReadsIt() throws Exception {
    Path file = dir.resolve("part-0.parquet");
    VersionSourcesTest.writeParquet(file);
    assertPublished("parquet", file, BAD_TIME + 1, "--event-time-column", "ts");
  }

  @Test
  void aCsvFileIsPublishedAsTheJobReadsIt() throws Exception {
    Path file = dir.resolve("part-0.csv");
    VersionSourcesTest.writeCsv(file);
    assertPublished("csv", file, BAD_TIME + 1, "--event-time-column", "ts", "--format", "csv");
  }

  /** Row numbers are line numbers: the blank second line is no row, but a line. */
  @Test
  void aJsonLinesFileIsPublishedAsTheJobReadsIt() throws Exception {
    Path file = dir.resolve("part-0.jsonl");
    VersionSourcesTest.writeJsonLines(file, true);
    assertPublished("jsonl", file, BAD_TIME + 2, "--event-time-column", "ts");
  }

  /** Without a column every row has the publication time: by default, when publish starts. */
  @Test
  void withoutAColumnEveryRowHasThePublicationTime() throws Exception {
    Path version = Files.createDirectories(dir.resolve("v2").resolve("day=1"));
    VersionSourcesTest.writeJsonLines(version.resolve("part-1.jsonl"), false);
    VersionSourcesTest.writeJsonLines(dir.resolve("v2").resolve("part-0.jsonl"), false);
    Files.writeString(dir.resolve("v2").resolve("_SUCCESS"), "");
    String topic = "records-published";
    KAFKA.createTopic(topic, 3);
    TestCli.Result run = publish(topic, dir.resolve("v2"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "published "
                + 2 * ROWS
                + " rows of it.features v2 to "
                + topic
                + ": sent "
                + 2 * ROWS
                + ", rejected locally 0\n");
    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.consumeAll(topic, Duration.ofSeconds(30));
    assertThat(records).hasSize(2 * ROWS);
    RecordParser parser = new RecordParser(CATALOG.fieldLayouts());
    long now = Instant.parse("2026-03-02T09:30:00Z").toEpochMilli(); // CliRun's clock
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      ObservedRecord parsed = (ObservedRecord) parser.parse(record.value());
      assertThat(parsed.eventTimeMillis()).isEqualTo(now);
      // one key, one partition, the files in path order: part-0.jsonl before day=1/part-1.jsonl
      assertThat(record.key()).isEqualTo(RowEnvelopes.versionKey(DATASET, "v2"));
      assertThat(parsed.fields()).isEqualTo(fields(i % ROWS));
    }
    assertThat(records)
        .extracting(ConsumerRecord::partition)
        .containsOnly(records.get(0).partition());
  }

  @Test
  void theRecordsTopicIsTheJobsDefault() {
    assertThat(Publisher.RECORDS_TOPIC).isEqualTo(DriftgateOptions.RECORDS_TOPIC.defaultValue());
  }

  @Test
  void aDatasetWithoutContractIsRefusedBeforeAnythingIsSent() throws Exception {
    Path file = dir.resolve("part-0.jsonl");
    VersionSourcesTest.writeJsonLines(file, false);
    TestCli.Result run =
        TestCli.run(
            Map.of(),
            "publish",
            "--dataset",
            "no.such",
            "--version",
            "v2",
            "--file",
            file.toString(),
            "--contracts",
            CONTRACTS,
            "--bootstrap-servers",
            KAFKA.bootstrapServers());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("dataset no.such has no contract in " + CONTRACTS);
  }

  private TestCli.Result publish(String topic, Path file, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "publish",
                "--dataset",
                DATASET,
                "--version",
                "v2",
                "--file",
                file.toString(),
                "--contracts",
                CONTRACTS,
                "--topic",
                topic,
                "--bootstrap-servers",
                KAFKA.bootstrapServers()));
    args.addAll(List.of(more));
    return TestCli.run(Map.of(), args.toArray(String[]::new));
  }

  private void assertPublished(String format, Path file, int badRow, String... options)
      throws Exception {
    String topic = "records-" + format;
    KAFKA.createTopic(topic, 2);
    Path rejects = dir.resolve("rejects.jsonl");
    List<String> more = new ArrayList<>(List.of(options));
    more.addAll(List.of("--rejects", rejects.toString(), "--cohort-key-column", "id"));
    TestCli.Result run = publish(topic, file, more.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    String origin = "file:" + file.toAbsolutePath() + "#row=" + badRow;
    assertThat(run.out())
        .isEqualTo(
            "published "
                + ROWS
                + " rows of it.features v2 to "
                + topic
                + ": sent "
                + (ROWS - 1)
                + ", rejected locally 1\n");
    assertThat(run.err())
        .contains("rejected " + origin + ": BAD_EVENT_TIME: event time column ts ");
    JsonNode rejected = JSON.readTree(Files.readString(rejects, StandardCharsets.UTF_8));
    assertThat(rejected.get("origin").asText()).isEqualTo(origin);
    assertThat(rejected.get("reason").asText()).isEqualTo("BAD_EVENT_TIME");

    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.consumeAll(topic, Duration.ofSeconds(30));
    assertThat(records).hasSize(ROWS - 1);
    RecordParser parser = new RecordParser(CATALOG.fieldLayouts());
    Map<String, ObservedRecord> byId = new java.util.HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      ParseResult result = parser.parse(record.value());
      assertThat(result)
          .as(new String(record.value(), StandardCharsets.UTF_8))
          .isInstanceOf(ObservedRecord.class);
      ObservedRecord parsed = ((ObservedRecord) result).detached();
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(parsed.cohortKey());
      byId.put(parsed.cohortKey(), parsed);
    }
    for (int i = 0; i < ROWS; i++) {
      ObservedRecord parsed = byId.get("id-" + i);
      if (i == BAD_TIME) {
        assertThat(parsed).isNull();
        continue;
      }
      assertThat(parsed).as("row %d", i).isNotNull();
      assertThat(parsed.dataset()).isEqualTo(DATASET);
      assertThat(parsed.version()).isEqualTo("v2");
      assertThat(parsed.eventTimeMillis()).isEqualTo(timeOf(i));
      // the time column is no field (the contract does not declare ts); id is, so it stays
      assertThat(parsed.fields()).as("row %d", i).isEqualTo(fields(i));
    }
  }
}
