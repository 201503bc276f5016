package io.driftgate.serde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** A golden file: the number of values, then each value as its serializer writes it. */
final class GoldenFiles {

  static final Path DIRECTORY = Path.of("src/test/resources/serde");

  private GoldenFiles() {}

  static <T> byte[] encode(TypeSerializer<T> serializer, List<T> values) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(4096);
    out.writeInt(values.size());
    for (T value : values) {
      serializer.serialize(value, out);
    }
    return out.getCopyOfBuffer();
  }

  static <T> List<T> decode(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    int count = in.readInt();
    List<T> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(serializer.deserialize(in));
    }
    if (in.available() != 0) {
      throw new IOException(in.available() + " bytes left after " + count + " values");
    }
    return values;
  }

  static byte[] read(String file) throws IOException {
    return Files.readAllBytes(DIRECTORY.resolve(file));
  }
}
