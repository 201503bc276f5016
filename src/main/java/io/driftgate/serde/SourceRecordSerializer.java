package io.driftgate.serde;

import io.driftgate.job.SourceRecord;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Records from the source to the profiling step, when that step is not chained to it. */
public final class SourceRecordSerializer extends VersionedSerializer<SourceRecord> {

  private static final long serialVersionUID = 1L;

  public SourceRecordSerializer() {
    super(SourceRecord.class, "driftgate.SourceRecord", 1, SourceRecordCodec.SCHEMA);
  }

  @Override
  protected void write(SourceRecord value, DataOutputView out) throws IOException {
    SourceRecordCodec.write(value, out);
  }

  @Override
  protected SourceRecord read(DataInputView in, int version) throws IOException {
    return SourceRecordCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<SourceRecord> {
    public Snapshot() {
      super(new SourceRecordSerializer());
    }
  }
}
