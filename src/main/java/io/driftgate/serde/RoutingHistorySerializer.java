package io.driftgate.serde;

import io.driftgate.outcome.RoutingHistory;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A dataset's routing history, kept in state to assign its outcomes to cohorts. */
public final class RoutingHistorySerializer extends VersionedSerializer<RoutingHistory> {

  private static final long serialVersionUID = 1L;

  static final String SCHEMA =
      "RoutingHistory(updates:list<" + RoutingCodec.UPDATE_SCHEMA + ">,complete:bool)";

  public RoutingHistorySerializer() {
    super(RoutingHistory.class, "driftgate.RoutingHistory", 1, SCHEMA);
  }

  @Override
  protected void write(RoutingHistory value, DataOutputView out) throws IOException {
    writeHistory(value, out);
  }

  @Override
  protected RoutingHistory read(DataInputView in, int version) throws IOException {
    return readHistory(in);
  }

  /** One history, as this format and the gate's state write it. */
  static void writeHistory(RoutingHistory value, DataOutputView out) throws IOException {
    BinaryValues.writeList(value.updates(), RoutingCodec::writeUpdate, out);
    out.writeBoolean(value.complete());
  }

  static RoutingHistory readHistory(DataInputView in) throws IOException {
    return new RoutingHistory(
        BinaryValues.readList(RoutingCodec::readUpdate, in), in.readBoolean());
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<RoutingHistory> {
    public Snapshot() {
      super(new RoutingHistorySerializer());
    }
  }
}
