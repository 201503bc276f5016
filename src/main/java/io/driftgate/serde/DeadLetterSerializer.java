package io.driftgate.serde;

import io.driftgate.wire.DeadLetter;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Dead letters from the profiling and control steps to the dead-letter sink. */
public final class DeadLetterSerializer extends VersionedSerializer<DeadLetter> {

  private static final long serialVersionUID = 1L;

  public DeadLetterSerializer() {
    super(DeadLetter.class, "driftgate.DeadLetter", 1, DeadLetterCodec.SCHEMA);
  }

  @Override
  protected void write(DeadLetter value, DataOutputView out) throws IOException {
    DeadLetterCodec.write(value, out);
  }

  @Override
  protected DeadLetter read(DataInputView in, int version) throws IOException {
    return DeadLetterCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<DeadLetter> {
    public Snapshot() {
      super(new DeadLetterSerializer());
    }
  }
}
