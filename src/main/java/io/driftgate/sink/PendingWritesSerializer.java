package io.driftgate.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Writes a {@link PendingWrites} into the committer's checkpointed state with the element type's
 * own Flink {@link TypeSerializer}, so the sink serializes its elements exactly as the job's
 * streams and state do. The serializer's snapshot goes first: committables in a savepoint are
 * committed again when a job restores from it, and the element serializer may have changed in
 * between (a typed serializer replacing Java serialization); the snapshot restores the serializer
 * that wrote the bytes.
 */
final class PendingWritesSerializer<T> implements SimpleVersionedSerializer<PendingWrites<T>> {

  /** Serializer snapshot, element count, then each element's receipt time and bytes. */
  private static final int VERSION = 1;

  private final TypeSerializer<T> elements;

  PendingWritesSerializer(TypeSerializer<T> elements) {
    this.elements = elements;
  }

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(PendingWrites<T> writes) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, elements.snapshotConfiguration());
    out.writeInt(writes.elements().size());
    for (Received<T> received : writes.elements()) {
      out.writeLong(received.atMillis());
      elements.serialize(received.element(), out);
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public PendingWrites<T> deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown version " + version + " of the JDBC sink's pending writes");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    TypeSerializerSnapshot<T> snapshot =
        TypeSerializerSnapshot.readVersionedSnapshot(
            in, Thread.currentThread().getContextClassLoader());
    TypeSerializer<T> writtenWith = snapshot.restoreSerializer();
    int count = in.readInt();
    List<Received<T>> received = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long at = in.readLong();
      received.add(new Received<>(writtenWith.deserialize(in), at));
    }
    return new PendingWrites<>(received);
  }
}
