package io.driftgate.serde;

import io.driftgate.gate.RoutingUpdate;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Routing rows from the controller to the routing sinks. */
public final class RoutingUpdateSerializer extends VersionedSerializer<RoutingUpdate> {

  private static final long serialVersionUID = 1L;

  public RoutingUpdateSerializer() {
    super(RoutingUpdate.class, "driftgate.RoutingUpdate", 1, RoutingCodec.UPDATE_SCHEMA);
  }

  @Override
  protected void write(RoutingUpdate value, DataOutputView out) throws IOException {
    RoutingCodec.writeUpdate(value, out);
  }

  @Override
  protected RoutingUpdate read(DataInputView in, int version) throws IOException {
    return RoutingCodec.readUpdate(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<RoutingUpdate> {
    public Snapshot() {
      super(new RoutingUpdateSerializer());
    }
  }
}
