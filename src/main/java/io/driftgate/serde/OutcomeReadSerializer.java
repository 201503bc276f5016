package io.driftgate.serde;

import io.driftgate.job.OutcomeRead;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The outcomes source's output: an outcome, or a dead letter. */
public final class OutcomeReadSerializer extends VersionedSerializer<OutcomeRead> {

  private static final long serialVersionUID = 1L;

  static final String SCHEMA =
      "OutcomeRead(outcome:"
          + OutcomeSerializer.SCHEMA
          + "?,rejected:"
          + DeadLetterCodec.SCHEMA
          + "?)";

  public OutcomeReadSerializer() {
    super(OutcomeRead.class, "driftgate.OutcomeRead", 1, SCHEMA);
  }

  @Override
  protected void write(OutcomeRead value, DataOutputView out) throws IOException {
    BinaryValues.writeNullable(value.outcome(), OutcomeSerializer::writeOutcome, out);
    BinaryValues.writeNullable(value.rejected(), DeadLetterCodec::write, out);
  }

  @Override
  protected OutcomeRead read(DataInputView in, int version) throws IOException {
    return new OutcomeRead(
        BinaryValues.readNullable(OutcomeSerializer::readOutcome, in),
        BinaryValues.readNullable(DeadLetterCodec::read, in));
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<OutcomeRead> {
    public Snapshot() {
      super(new OutcomeReadSerializer());
    }
  }
}
