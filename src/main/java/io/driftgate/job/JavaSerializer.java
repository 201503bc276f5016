package io.driftgate.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.GenericTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Restore only: reads the state of releases that Java-serialized it (a length-prefixed Java
 * serialization), so that their savepoints still restore. At restore the new serializers' snapshots
 * ({@code io.driftgate.serde.VersionedSnapshot}) answer "compatible after migration" to this
 * serializer's snapshot; Flink then reads the old values with this serializer and writes them again
 * in the versioned formats. Nothing writes with it any more.
 *
 * <p>Neither this class nor its {@link Snapshot} may be renamed or moved: savepoints name the
 * snapshot class, {@code io.driftgate.job.JavaSerializer$Snapshot}, and Flink finds it by that
 * name. It can be deleted once no supported savepoint holds Java-serialized state.
 */
public final class JavaSerializer<T extends Serializable> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  public JavaSerializer(Class<T> type) {
    this.type = type;
  }

  /** The type whose state this serializer restores. */
  public Class<T> type() {
    return type;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from == null ? null : fromBytes(toBytes(from));
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] bytes = toBytes(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return fromBytes(bytes);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof JavaSerializer<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  private static byte[] toBytes(Object value) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private T fromBytes(byte[] bytes) {
    try (ObjectInputStream in =
        new InstantiationUtil.ClassLoaderObjectInputStream(
            new ByteArrayInputStream(bytes), Thread.currentThread().getContextClassLoader())) {
      return type.cast(in.readObject());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot restore " + type.getName(), e);
    }
  }

  /** Restores the serializer from the value class name, as Flink's generic snapshots do. */
  public static final class Snapshot<T extends Serializable>
      extends GenericTypeSerializerSnapshot<T, JavaSerializer> {

    public Snapshot() {}

    Snapshot(Class<T> type) {
      super(type);
    }

    @Override
    protected TypeSerializer<T> createSerializer(Class<T> typeClass) {
      return new JavaSerializer<>(typeClass);
    }

    @SuppressWarnings("unchecked")
    @Override
    protected Class<T> getTypeClass(JavaSerializer serializer) {
      return serializer.type;
    }

    @Override
    protected Class<?> serializerClass() {
      return JavaSerializer.class;
    }
  }
}
