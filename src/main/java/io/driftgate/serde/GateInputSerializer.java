package io.driftgate.serde;

import io.driftgate.job.GateInput;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The controller's keyed input stream: merged windows and commands. */
public final class GateInputSerializer extends VersionedSerializer<GateInput> {

  private static final long serialVersionUID = 1L;

  public GateInputSerializer() {
    super(GateInput.class, "driftgate.GateInput", 3, GateInputCodec.SCHEMA);
  }

  @Override
  protected void write(GateInput value, DataOutputView out) throws IOException {
    GateInputCodec.write(value, out);
  }

  @Override
  protected GateInput read(DataInputView in, int version) throws IOException {
    return GateInputCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<GateInput> {
    public Snapshot() {
      super(new GateInputSerializer());
    }
  }
}
