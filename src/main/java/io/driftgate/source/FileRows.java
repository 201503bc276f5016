package io.driftgate.source;

import io.driftgate.job.SourceRecord;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.Rejection;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.MutableRecordAndPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads the rows of a (non-splittable) stream format as {@link SourceRecord}s, with the file and
 * row each came from: the split gives the path and the modification time, Flink's position the row.
 * Flink checkpoints the position (rows read since the file's start) and skips as many rows on a
 * restore, so a row's number is the same after a restore.
 *
 * <p>Rows are decoded in {@code next()}, on the task thread that emits them, one at a time: the
 * record's row is the mapper's and is refilled by the next one, as on the Kafka path.
 */
final class FileRows<T> implements BulkFormat<SourceRecord, FileSourceSplit> {

  private static final long serialVersionUID = 1L;

  private final StreamFormatAdapter<T> format;
  private final RowDecoder<T> decoder;
  private final RowMapper mapper;

  FileRows(StreamFormat<T> format, RowDecoder<T> decoder, RowMapper mapper) {
    if (format.isSplittable()) {
      throw new IllegalArgumentException("row numbers need a format that is not split");
    }
    this.format = new StreamFormatAdapter<>(format);
    this.decoder = decoder;
    this.mapper = mapper;
  }

  @Override
  public Reader<SourceRecord> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new RowReader(format.createReader(config, split), split);
  }

  @Override
  public Reader<SourceRecord> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new RowReader(format.restoreReader(config, split), split);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<SourceRecord> getProducedType() {
    return DriftgateTypes.SOURCE_RECORD;
  }

  /** {@code file:/data/part-0.parquet#row=17}: the 17th row of the file, counting from 1. */
  static String origin(Path path, long offset, long row) {
    String file = path.toUri().getScheme() == null ? "file:" + path : path.toString();
    return offset == CheckpointedPosition.NO_OFFSET
        ? file + "#row=" + row
        : file + "#offset=" + offset + ",row=" + row;
  }

  private final class RowReader implements Reader<SourceRecord> {
    private final Reader<T> rows;
    private final Path path;
    private final long observedAt;

    RowReader(Reader<T> rows, FileSourceSplit split) {
      this.rows = rows;
      this.path = split.path();
      this.observedAt = mapper.observedAt(split.fileModificationTime());
    }

    @Override
    public RecordIterator<SourceRecord> readBatch() throws IOException {
      RecordIterator<T> batch = rows.readBatch();
      return batch == null ? null : new Rows(batch);
    }

    @Override
    public void close() throws IOException {
      rows.close();
    }

    private final class Rows implements RecordIterator<SourceRecord> {
      private final RecordIterator<T> raw;
      private final MutableRecordAndPosition<SourceRecord> out = new MutableRecordAndPosition<>();
      private final Map<String, Object> columns = new LinkedHashMap<>();

      Rows(RecordIterator<T> raw) {
        this.raw = raw;
      }

      @Override
      public RecordAndPosition<SourceRecord> next() {
        RecordAndPosition<T> next = raw.next();
        while (next != null && decoder.skip(next.getRecord())) {
          next = raw.next();
        }
        if (next == null) {
          return null;
        }
        T record = next.getRecord();
        columns.clear();
        Rejection problem = decoder.decode(record, columns);
        ParseResult result = problem != null ? problem : mapper.map(columns, observedAt);
        String origin = origin(path, next.getOffset(), next.getRecordSkipCount());
        byte[] original = decoder.original(record, columns);
        out.set(
            result instanceof ObservedRecord parsed
                ? new SourceRecord(parsed, null, original, origin, observedAt)
                : new SourceRecord(null, (Rejection) result, original, origin, observedAt),
            next.getOffset(),
            next.getRecordSkipCount());
        return out;
      }

      @Override
      public void releaseBatch() {
        raw.releaseBatch();
      }
    }
  }
}
