package io.driftgate.source;

import io.driftgate.job.OutcomeRead;
import io.driftgate.outcome.OutcomeParser;
import io.driftgate.serde.DriftgateTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.file.src.util.MutableRecordAndPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;

/**
 * Outcome records from JSON-lines files, each non-blank line one message of the outcomes topic: the
 * bounded equivalent of the topic, for replays, backfills and tests. A line is parsed by the
 * topic's {@link OutcomeParser}, so it becomes the same outcome or the same dead letter with the
 * same reason; the dead letter's origin is the line ({@code file:/data/outcomes.jsonl#row=17}, as
 * for record files), and the file's modification time plays the Kafka timestamp's part (the {@code
 * FUTURE} check), as it does for record files (docs/sources.md).
 *
 * <p>Files are not split, so a line's row number is the same after a restore: Flink checkpoints how
 * many lines of the file were read and skips as many.
 */
public final class OutcomeLines implements BulkFormat<OutcomeRead, FileSourceSplit> {

  private static final long serialVersionUID = 1L;

  private final StreamFormatAdapter<String> lines =
      new StreamFormatAdapter<>(new TextLineInputFormat());
  private final OutcomeParser parser;

  private OutcomeLines(OutcomeParser parser) {
    this.parser = parser;
  }

  /**
   * The bounded source of the outcomes in {@code path}: a file, or a directory read recursively.
   *
   * @param parser the job's outcome parser (its datasets and record limits)
   */
  public static FileSource<OutcomeRead> source(String path, OutcomeParser parser) {
    return FileSource.forBulkFileFormat(new OutcomeLines(parser), new Path(path)).build();
  }

  @Override
  public Reader<OutcomeRead> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new LineReader(lines.createReader(config, split), split);
  }

  @Override
  public Reader<OutcomeRead> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new LineReader(lines.restoreReader(config, split), split);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<OutcomeRead> getProducedType() {
    return DriftgateTypes.OUTCOME_READ;
  }

  private final class LineReader implements Reader<OutcomeRead> {
    private final Reader<String> raw;
    private final Path path;
    private final long observedAt;

    LineReader(Reader<String> raw, FileSourceSplit split) {
      this.raw = raw;
      this.path = split.path();
      this.observedAt = split.fileModificationTime();
    }

    @Override
    public RecordIterator<OutcomeRead> readBatch() throws IOException {
      RecordIterator<String> batch = raw.readBatch();
      return batch == null ? null : new Lines(batch);
    }

    @Override
    public void close() throws IOException {
      raw.close();
    }

    private final class Lines implements RecordIterator<OutcomeRead> {
      private final RecordIterator<String> batch;
      private final MutableRecordAndPosition<OutcomeRead> out = new MutableRecordAndPosition<>();

      Lines(RecordIterator<String> batch) {
        this.batch = batch;
      }

      @Override
      public RecordAndPosition<OutcomeRead> next() {
        RecordAndPosition<String> next = batch.next();
        while (next != null && next.getRecord().isBlank()) {
          next = batch.next();
        }
        if (next == null) {
          return null;
        }
        byte[] value = next.getRecord().getBytes(StandardCharsets.UTF_8);
        out.set(
            OutcomeRead.of(
                parser.parse(value, observedAt),
                value,
                FileRows.origin(path, next.getOffset(), next.getRecordSkipCount()),
                observedAt),
            next.getOffset(),
            next.getRecordSkipCount());
        return out;
      }

      @Override
      public void releaseBatch() {
        batch.releaseBatch();
      }
    }
  }
}
