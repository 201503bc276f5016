package io.driftgate.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer of one of the job's own types in a format the project owns and versions. Every value
 * starts with the format version it was written in, so a value written by an older release still
 * reads wherever it turns up (a state backend that reads lazily, a record in flight), and the
 * snapshot ({@link VersionedSnapshot}) can tell Flink at restore whether this build reads the saved
 * state at all.
 *
 * <p>A format changes only together with its version: the codec then keeps a reader for every older
 * version this build still restores, chosen by {@link #read}'s {@code version}. The schema string
 * describes the layout of the current version, the whole tree of nested values, so a layout change
 * that forgot to raise the version is caught by a test and, failing that, refused at restore.
 *
 * <p>Stateless: one instance serves every thread.
 */
public abstract class VersionedSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final String format;
  private final int version;
  private final String schema;

  /**
   * @param format the stable name written in snapshots; never renamed with the class
   * @param version the version written, 1 to 255
   */
  protected VersionedSerializer(Class<T> type, String format, int version, String schema) {
    this.type = type;
    this.format = format;
    this.version = version;
    this.schema = schema;
  }

  public final Class<T> type() {
    return type;
  }

  public final String format() {
    return format;
  }

  public final int version() {
    return version;
  }

  public final String schema() {
    return schema;
  }

  /** Writes the value's fields in the current version. */
  protected abstract void write(T value, DataOutputView out) throws IOException;

  /**
   * Reads a value's fields.
   *
   * @param version the version the value was written in, 1 to {@link #version()}
   */
  protected abstract T read(DataInputView in, int version) throws IOException;

  @Override
  public abstract VersionedSnapshot<T> snapshotConfiguration();

  @Override
  public final void serialize(T record, DataOutputView target) throws IOException {
    target.writeByte(version);
    write(record, target);
  }

  @Override
  public final T deserialize(DataInputView source) throws IOException {
    int written = source.readUnsignedByte();
    if (written < 1 || written > version) {
      throw new IOException(
          format
              + " value in format version "
              + written
              + ", but this build reads versions 1 to "
              + version
              + ": it was written by a newer release, or is not a "
              + format);
    }
    return read(source, written);
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  /** Through the bytes: the types hold mutable parts (profile bytes, the gate's fields). */
  @Override
  public final T copy(T from) {
    if (from == null) {
      return null;
    }
    try {
      DataOutputSerializer buffer = new DataOutputSerializer(256);
      serialize(from, buffer);
      return deserialize(new DataInputDeserializer(buffer.getSharedBuffer(), 0, buffer.length()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy a " + format, e);
    }
  }

  @Override
  public final T copy(T from, T reuse) {
    return copy(from);
  }

  /** Rewrites in the current version: a value has no length prefix to copy it by. */
  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public final boolean isImmutableType() {
    return false;
  }

  @Override
  public final TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public final T createInstance() {
    return null;
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final boolean equals(Object obj) {
    return obj != null && obj.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode();
  }

  @Override
  public String toString() {
    return format + " v" + version;
  }
}
