package io.driftgate.serde;

import io.driftgate.job.RolloutController.PendingInputs;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The values of the controller's event-time queue (keyed map state): inputs wait there across
 * checkpoints until the watermark or a deadline applies them.
 */
public final class PendingInputsSerializer extends VersionedSerializer<PendingInputs> {

  private static final long serialVersionUID = 1L;

  public PendingInputsSerializer() {
    super(PendingInputs.class, "driftgate.PendingInputs", 3, PendingInputsCodec.SCHEMA);
  }

  @Override
  protected void write(PendingInputs value, DataOutputView out) throws IOException {
    PendingInputsCodec.write(value, out);
  }

  @Override
  protected PendingInputs read(DataInputView in, int version) throws IOException {
    return PendingInputsCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<PendingInputs> {
    public Snapshot() {
      super(new PendingInputsSerializer());
    }
  }
}
