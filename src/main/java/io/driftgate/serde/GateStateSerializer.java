package io.driftgate.serde;

import io.driftgate.gate.GateState;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The rollout controller's keyed state: one gate per dataset, the state a savepoint must carry
 * across releases.
 */
public final class GateStateSerializer extends VersionedSerializer<GateState> {

  private static final long serialVersionUID = 1L;

  public GateStateSerializer() {
    super(GateState.class, "driftgate.GateState", 5, GateStateCodec.SCHEMA);
  }

  @Override
  protected void write(GateState value, DataOutputView out) throws IOException {
    GateStateCodec.write(value, out);
  }

  @Override
  protected GateState read(DataInputView in, int version) throws IOException {
    return GateStateCodec.read(in, version);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<GateState> {
    public Snapshot() {
      super(new GateStateSerializer());
    }
  }
}
