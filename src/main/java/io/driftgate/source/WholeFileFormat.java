package io.driftgate.source;

import java.io.IOException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A format read one whole file at a time: row numbers (the dead letters' origins) count from the
 * file's start, so a file is never split, and a restored reader opens the file again and skips the
 * records already read (Flink's {@code StreamFormatAdapter} counts them), rather than seeking to a
 * byte offset.
 */
interface WholeFileFormat<T> extends StreamFormat<T> {

  @Override
  default Reader<T> restoreReader(
      Configuration config,
      FSDataInputStream stream,
      long restoredOffset,
      long fileLen,
      long splitEnd)
      throws IOException {
    return createReader(config, stream, fileLen, splitEnd);
  }

  @Override
  default boolean isSplittable() {
    return false;
  }
}
