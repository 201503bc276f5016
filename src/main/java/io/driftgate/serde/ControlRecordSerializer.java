package io.driftgate.serde;

import io.driftgate.job.ControlRecord;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Control messages from the control source to the control step. */
public final class ControlRecordSerializer extends VersionedSerializer<ControlRecord> {

  private static final long serialVersionUID = 1L;

  public ControlRecordSerializer() {
    super(
        ControlRecord.class,
        "driftgate.ControlRecord",
        ControlRecordCodec.VERSION,
        ControlRecordCodec.SCHEMA);
  }

  @Override
  protected void write(ControlRecord value, DataOutputView out) throws IOException {
    ControlRecordCodec.write(value, out);
  }

  @Override
  protected ControlRecord read(DataInputView in, int version) throws IOException {
    return ControlRecordCodec.read(in, version);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<ControlRecord> {
    public Snapshot() {
      super(new ControlRecordSerializer());
    }
  }
}
