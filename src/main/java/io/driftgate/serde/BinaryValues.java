package io.driftgate.serde;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The building blocks every codec writes its fields with, so that one rule holds everywhere: a
 * value reads back equal and writes back to the same bytes. Hence doubles as raw bits (a NaN keeps
 * its payload), instants and durations with their nanoseconds, enums by name (reordering constants
 * does not change the meaning of saved state), and lists read back unmodifiable, as the records
 * make them.
 */
final class BinaryValues {

  /** Writes one value of a codec; a method reference to a codec's {@code write}. */
  @FunctionalInterface
  interface Writer<T> {
    void write(T value, DataOutputView out) throws IOException;
  }

  /** Reads one value of a codec; a method reference to a codec's {@code read}. */
  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputView in) throws IOException;
  }

  private BinaryValues() {}

  /** Any string, including {@code null} and unpaired surrogates (Flink's string format). */
  static void writeString(String value, DataOutputView out) throws IOException {
    StringValue.writeString(value, out);
  }

  static String readString(DataInputView in) throws IOException {
    return StringValue.readString(in);
  }

  static void writeDouble(double value, DataOutputView out) throws IOException {
    out.writeLong(Double.doubleToRawLongBits(value));
  }

  static double readDouble(DataInputView in) throws IOException {
    return Double.longBitsToDouble(in.readLong());
  }

  static void writeInstant(Instant value, DataOutputView out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    }
  }

  static Instant readInstant(DataInputView in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  static void writeDuration(Duration value, DataOutputView out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value.getSeconds());
      out.writeInt(value.getNano());
    }
  }

  static Duration readDuration(DataInputView in) throws IOException {
    return in.readBoolean() ? Duration.ofSeconds(in.readLong(), in.readInt()) : null;
  }

  /** The length, -1 for {@code null}, then the bytes. */
  static void writeBytes(byte[] value, DataOutputView out) throws IOException {
    out.writeInt(value == null ? -1 : value.length);
    if (value != null) {
      out.write(value);
    }
  }

  static byte[] readBytes(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  static void writeNullableLong(Long value, DataOutputView out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value);
    }
  }

  static Long readNullableLong(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
    writeString(value == null ? null : value.name(), out);
  }

  /** Refuses a name this build does not know: better a failed restore than a wrong constant. */
  static <E extends Enum<E>> E readEnum(Class<E> type, DataInputView in) throws IOException {
    String name = readString(in);
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown " + type.getSimpleName() + " '" + name + "'", e);
    }
  }

  /** A presence flag, then the value. */
  static <T> void writeNullable(T value, Writer<T> writer, DataOutputView out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      writer.write(value, out);
    }
  }

  static <T> T readNullable(Reader<T> reader, DataInputView in) throws IOException {
    return in.readBoolean() ? reader.read(in) : null;
  }

  /** The size, -1 for {@code null}, then the elements in order. */
  static <T> void writeList(List<T> values, Writer<T> writer, DataOutputView out)
      throws IOException {
    out.writeInt(values == null ? -1 : values.size());
    if (values != null) {
      for (T value : values) {
        writer.write(value, out);
      }
    }
  }

  /** Unmodifiable, as the records' constructors make their lists. */
  static <T> List<T> readList(Reader<T> reader, DataInputView in) throws IOException {
    int size = in.readInt();
    if (size < 0) {
      return null;
    }
    List<T> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(reader.read(in));
    }
    return List.copyOf(values);
  }
}
