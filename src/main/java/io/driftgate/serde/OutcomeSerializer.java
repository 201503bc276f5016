package io.driftgate.serde;

import io.driftgate.outcome.Outcome;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Parsed outcomes on their way from the outcomes source to the cohort assignment. */
public final class OutcomeSerializer extends VersionedSerializer<Outcome> {

  private static final long serialVersionUID = 1L;

  static final String SCHEMA =
      "Outcome(dataset:str,metric:str,cohortKey:str,value:double,rate:bool,eventTimeMillis:long,"
          + "version:str?)";

  public OutcomeSerializer() {
    super(Outcome.class, "driftgate.Outcome", 1, SCHEMA);
  }

  @Override
  protected void write(Outcome value, DataOutputView out) throws IOException {
    writeOutcome(value, out);
  }

  @Override
  protected Outcome read(DataInputView in, int version) throws IOException {
    return readOutcome(in);
  }

  /** One outcome, as this format and the controller's outcome windows write it. */
  static void writeOutcome(Outcome value, DataOutputView out) throws IOException {
    BinaryValues.writeString(value.dataset(), out);
    BinaryValues.writeString(value.metric(), out);
    BinaryValues.writeString(value.cohortKey(), out);
    BinaryValues.writeDouble(value.value(), out);
    out.writeBoolean(value.rate());
    out.writeLong(value.eventTimeMillis());
    BinaryValues.writeString(value.version(), out);
  }

  static Outcome readOutcome(DataInputView in) throws IOException {
    return new Outcome(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readDouble(in),
        in.readBoolean(),
        in.readLong(),
        BinaryValues.readString(in));
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<Outcome> {
    public Snapshot() {
      super(new OutcomeSerializer());
    }
  }
}
