package io.driftgate.serde;

import io.driftgate.rollout.Decision;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The controller's decisions, to the audit log, the alias table and the decision topic. */
public final class DecisionSerializer extends VersionedSerializer<Decision> {

  private static final long serialVersionUID = 1L;

  public DecisionSerializer() {
    super(Decision.class, "driftgate.Decision", 2, DecisionCodec.SCHEMA);
  }

  @Override
  protected void write(Decision value, DataOutputView out) throws IOException {
    DecisionCodec.write(value, out);
  }

  @Override
  protected Decision read(DataInputView in, int version) throws IOException {
    return DecisionCodec.read(in, version);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<Decision> {
    public Snapshot() {
      super(new DecisionSerializer());
    }
  }
}
