package io.driftgate.serde;

import io.driftgate.job.ControlRecord;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A control message as read: its command or why it is none, with its original bytes. */
final class ControlRecordCodec {

  static final String SCHEMA =
      "ControlRecord(command:"
          + CommandCodec.SCHEMA
          + "?,rejection:str,original:bytes?,origin:str,observedAtMillis:long)";

  private ControlRecordCodec() {}

  static void write(ControlRecord record, DataOutputView out) throws IOException {
    BinaryValues.writeNullable(record.command(), CommandCodec::write, out);
    BinaryValues.writeString(record.rejection(), out);
    BinaryValues.writeBytes(record.original(), out);
    BinaryValues.writeString(record.origin(), out);
    out.writeLong(record.observedAtMillis());
  }

  static ControlRecord read(DataInputView in) throws IOException {
    return new ControlRecord(
        BinaryValues.readNullable(CommandCodec::read, in),
        BinaryValues.readString(in),
        BinaryValues.readBytes(in),
        BinaryValues.readString(in),
        in.readLong());
  }
}
