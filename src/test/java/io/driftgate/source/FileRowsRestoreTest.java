package io.driftgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader restored from a checkpointed position goes on with the next row, under the same row
 * number: for CSV the header is read again and not counted as a row.
 */
class FileRowsRestoreTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final ContractCatalog CATALOG = new ContractCatalog(List.of(CONTRACT));

  @TempDir Path dir;

  @Test
  void aRestoredCsvReaderGoesOnWithTheNextRowAndItsNumber() throws Exception {
    Path file = dir.resolve("part-0.csv");
    StringBuilder csv = new StringBuilder("ts,id,x,seg,y\n");
    for (int i = 0; i < 10; i++) {
      csv.append("2026-03-02T09:00:0").append(i).append("Z,id-").append(i).append(",1.5,a,\n");
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    VersionSource source =
        new VersionSource("it.features", "v2", Format.CSV, file.toString(), EventTime.column("ts"));
    RowMapper mapper =
        new RowMapper(source, CATALOG.fieldLayouts().get("it.features"), RecordLimits.DEFAULTS);
    FileRows<CsvRows.Line> format =
        new FileRows<>(FileFormats.csv(), new CsvRows(CONTRACT, "ts"), mapper);
    FileSourceSplit split =
        new FileSourceSplit(
            "0",
            new org.apache.flink.core.fs.Path(file.toUri()),
            0,
            Files.size(file),
            Files.getLastModifiedTime(file).toMillis(),
            Files.size(file));

    List<String> first = new ArrayList<>();
    long checkpointed;
    try (BulkFormat.Reader<SourceRecord> reader = format.createReader(new Configuration(), split)) {
      checkpointed = read(reader, 4, first);
    }
    List<String> rest = new ArrayList<>();
    FileSourceSplit restored =
        split.updateWithCheckpointedPosition(
            new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, checkpointed));
    try (BulkFormat.Reader<SourceRecord> reader =
        format.restoreReader(new Configuration(), restored)) {
      read(reader, Integer.MAX_VALUE, rest);
    }

    String origin = "file:" + file + "#row=";
    assertThat(first)
        .containsExactly(
            "id-0 " + origin + 1, "id-1 " + origin + 2, "id-2 " + origin + 3, "id-3 " + origin + 4);
    assertThat(rest).hasSize(6).first().isEqualTo("id-4 " + origin + 5);
    assertThat(rest).last().isEqualTo("id-9 " + origin + 10);
  }

  /**
   * Reads up to {@code count} records as "id origin".
   *
   * @return the records read since the file's start after the last one, as Flink checkpoints it
   */
  private static long read(BulkFormat.Reader<SourceRecord> reader, int count, List<String> out)
      throws Exception {
    long position = 0;
    BulkFormat.RecordIterator<SourceRecord> batch;
    while (out.size() < count && (batch = reader.readBatch()) != null) {
      RecordAndPosition<SourceRecord> next;
      while (out.size() < count && (next = batch.next()) != null) {
        SourceRecord record = next.getRecord();
        out.add(record.record().fields().get("id") + " " + record.origin());
        position = next.getRecordSkipCount();
      }
      batch.releaseBatch();
    }
    return position;
  }
}
