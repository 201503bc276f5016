package io.driftgate.serde;

import io.driftgate.contract.RolloutPlan;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Plans in the controller's broadcast state. */
public final class RolloutPlanSerializer extends VersionedSerializer<RolloutPlan> {

  private static final long serialVersionUID = 1L;

  public RolloutPlanSerializer() {
    super(RolloutPlan.class, "driftgate.RolloutPlan", 1, RolloutPlanCodec.SCHEMA);
  }

  @Override
  protected void write(RolloutPlan value, DataOutputView out) throws IOException {
    RolloutPlanCodec.write(value, out);
  }

  @Override
  protected RolloutPlan read(DataInputView in, int version) throws IOException {
    return RolloutPlanCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<RolloutPlan> {
    public Snapshot() {
      super(new RolloutPlanSerializer());
    }
  }
}
