package io.driftgate.source;

import static io.driftgate.source.VersionSourcesTest.BOUND;
import static io.driftgate.source.VersionSourcesTest.CATALOG;
import static io.driftgate.source.VersionSourcesTest.DATASET;
import static io.driftgate.source.VersionSourcesTest.MINUTE;
import static io.driftgate.source.VersionSourcesTest.ROWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.job.KafkaPath;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.publish.FileRowReader;
import io.driftgate.publish.RowEnvelopes;
import io.driftgate.publish.RowReader;
import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.Format;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version published as envelopes ({@code driftgate publish}'s reader and envelopes, without the
 * broker) and the same files read by the job's file source give byte-identical window profiles and
 * the same contract violations; the row without a readable time is the file source's {@code
 * BAD_EVENT_TIME} dead letter and publish's local rejection.
 */
class PublishedProfilesTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @TempDir Path dir;

  @Test
  void parquet() throws Exception {
    Path file = dir.resolve("part-0.parquet");
    VersionSourcesTest.writeParquet(file);
    assertSameProfiles(Format.PARQUET, file, EventTime.column("ts"));
  }

  @Test
  void csv() throws Exception {
    Path file = dir.resolve("part-0.csv");
    VersionSourcesTest.writeCsv(file);
    assertSameProfiles(Format.CSV, file, EventTime.column("ts"));
  }

  @Test
  void jsonLines() throws Exception {
    Path file = dir.resolve("part-0.jsonl");
    VersionSourcesTest.writeJsonLines(file, true);
    assertSameProfiles(Format.JSON_LINES, file, EventTime.column("ts"));
  }

  @Test
  void jsonLinesAtThePublicationTime() throws Exception {
    Path file = dir.resolve("part-0.jsonl");
    VersionSourcesTest.writeJsonLines(file, false);
    assertSameProfiles(Format.JSON_LINES, file, EventTime.published(VersionSourcesTest.PUBLISHED));
  }

  private static void assertSameProfiles(Format format, Path file, EventTime time)
      throws Exception {
    VersionSource source = new VersionSource(DATASET, "v2", format, file.toString(), time);
    String timeColumn = time instanceof VersionSource.Column c ? c.name() : null;
    RowEnvelopes rules = new RowEnvelopes(source, CATALOG.contract(DATASET), null);
    List<byte[]> envelopes = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try (RowReader rows = FileRowReader.open(format, file, CATALOG.contract(DATASET), timeColumn)) {
      for (RowReader.Row row = rows.next(); row != null; row = rows.next()) {
        if (rules.envelope(row) instanceof RowEnvelopes.Message message) {
          envelopes.add(message.value());
        } else {
          refused.add(row.origin());
        }
      }
    }
    long modified = Files.getLastModifiedTime(file).toMillis();
    KafkaPath.Profiled published =
        KafkaPath.profile(
            CATALOG,
            KafkaPath.deserialize(CATALOG, "records", envelopes, modified),
            MINUTE,
            BOUND.toMillis());
    KafkaPath.Profiled files = KafkaPath.profile(CATALOG, read(source), MINUTE, BOUND.toMillis());

    assertThat(envelopes.size() + refused.size()).isEqualTo(ROWS);
    VersionSourcesTest.assertSameProfiles(files, published);
    assertThat(files.deadLetters())
        .filteredOn(l -> l.reason() == RejectReason.BAD_EVENT_TIME)
        .extracting(DeadLetter::origin)
        .isEqualTo(refused);
    assertThat(published.deadLetters())
        .extracting(DeadLetter::reason)
        .containsOnly(RejectReason.CONTRACT_VIOLATION);
    assertThat(published.deadLetters())
        .extracting(DeadLetter::detail)
        .isEqualTo(
            files.deadLetters().stream()
                .filter(l -> l.reason() == RejectReason.CONTRACT_VIOLATION)
                .map(DeadLetter::detail)
                .toList());
  }

  private static List<SourceRecord> read(VersionSource source) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    List<SourceRecord> out = new ArrayList<>();
    try (CloseableIterator<SourceRecord> records =
        VersionSources.read(env, source, CATALOG, RecordLimits.DEFAULTS, BOUND)
            .executeAndCollect()) {
      records.forEachRemaining(out::add);
    }
    return out;
  }
}
