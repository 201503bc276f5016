package io.driftgate.serde;

import io.driftgate.gate.GateSnapshot;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** What the database keeps of a gate, from the controller to the gate_snapshot sink. */
public final class GateSnapshotSerializer extends VersionedSerializer<GateSnapshot> {

  private static final long serialVersionUID = 1L;

  public GateSnapshotSerializer() {
    super(GateSnapshot.class, "driftgate.GateSnapshot", 1, GateSnapshotCodec.SCHEMA);
  }

  @Override
  protected void write(GateSnapshot value, DataOutputView out) throws IOException {
    GateSnapshotCodec.write(value, out);
  }

  @Override
  protected GateSnapshot read(DataInputView in, int version) throws IOException {
    return GateSnapshotCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<GateSnapshot> {
    public Snapshot() {
      super(new GateSnapshotSerializer());
    }
  }
}
