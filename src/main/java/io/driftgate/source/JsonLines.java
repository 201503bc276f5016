package io.driftgate.source;

import io.driftgate.wire.RecordParser;
import io.driftgate.wire.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON lines: each non-blank line one JSON object, read as a Kafka record's {@code fields} object
 * is ({@link RecordParser#readObject}), so values have the same types. The line is the original.
 */
public final class JsonLines implements RowDecoder<String> {

  private static final long serialVersionUID = 1L;

  private transient String lastLine;
  private transient byte[] lastBytes;

  public JsonLines() {}

  @Override
  public boolean skip(String line) {
    return line.isBlank();
  }

  @Override
  public Rejection decode(String line, Map<String, Object> columns) {
    return RecordParser.readObject(bytes(line), columns);
  }

  @Override
  public byte[] original(String line, Map<String, Object> columns) {
    return bytes(line);
  }

  private byte[] bytes(String line) {
    if (line != lastLine) {
      lastBytes = line.getBytes(StandardCharsets.UTF_8);
      lastLine = line;
    }
    return lastBytes;
  }
}
