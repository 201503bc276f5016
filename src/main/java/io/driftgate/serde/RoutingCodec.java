package io.driftgate.serde;

import io.driftgate.gate.RoutingUpdate;
import io.driftgate.routing.RoutingEntry;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A routing row, alone in a gate's state or with its sequence on the way to the routing sinks. */
final class RoutingCodec {

  static final String ENTRY_SCHEMA =
      "RoutingEntry(dataset:str,baselineVersion:str,candidateVersion:str,"
          + "exposureBasisPoints:int,salt:str,stage:int)";

  static final String UPDATE_SCHEMA =
      "RoutingUpdate(entry:" + ENTRY_SCHEMA + ",decisionSequence:long,at:instant?)";

  private RoutingCodec() {}

  static void writeEntry(RoutingEntry entry, DataOutputView out) throws IOException {
    BinaryValues.writeString(entry.dataset(), out);
    BinaryValues.writeString(entry.baselineVersion(), out);
    BinaryValues.writeString(entry.candidateVersion(), out);
    out.writeInt(entry.exposureBasisPoints());
    BinaryValues.writeString(entry.salt(), out);
    out.writeInt(entry.stage());
  }

  static RoutingEntry readEntry(DataInputView in) throws IOException {
    return new RoutingEntry(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        in.readInt(),
        BinaryValues.readString(in),
        in.readInt());
  }

  static void writeUpdate(RoutingUpdate update, DataOutputView out) throws IOException {
    writeEntry(update.entry(), out);
    out.writeLong(update.decisionSequence());
    BinaryValues.writeInstant(update.at(), out);
  }

  static RoutingUpdate readUpdate(DataInputView in) throws IOException {
    return new RoutingUpdate(readEntry(in), in.readLong(), BinaryValues.readInstant(in));
  }
}
