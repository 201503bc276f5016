package io.driftgate.serde;

import io.driftgate.job.ControlRecord;
import io.driftgate.wire.ControlSignature;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A control message as read: its command or why it is none, with its original bytes. Version 2
 * added the command's signature after the command; version 1 values read without one.
 */
final class ControlRecordCodec {

  static final int VERSION = 3;

  static final String SCHEMA =
      "ControlRecord(command:"
          + CommandCodec.SCHEMA
          + "?,signature:ControlSignature(keyId:str,signature:str)?,rejection:str,"
          + "original:bytes?,origin:str,observedAtMillis:long)";

  private ControlRecordCodec() {}

  static void write(ControlRecord record, DataOutputView out) throws IOException {
    BinaryValues.writeNullable(record.command(), CommandCodec::write, out);
    BinaryValues.writeNullable(record.signature(), ControlRecordCodec::writeSignature, out);
    BinaryValues.writeString(record.rejection(), out);
    BinaryValues.writeBytes(record.original(), out);
    BinaryValues.writeString(record.origin(), out);
    out.writeLong(record.observedAtMillis());
  }

  /**
   * @param version the format version the record was written in, 1 or 2
   */
  static ControlRecord read(DataInputView in, int version) throws IOException {
    return new ControlRecord(
        BinaryValues.readNullable(CommandCodec::read, in),
        version >= 2 ? BinaryValues.readNullable(ControlRecordCodec::readSignature, in) : null,
        BinaryValues.readString(in),
        BinaryValues.readBytes(in),
        BinaryValues.readString(in),
        in.readLong());
  }

  private static void writeSignature(ControlSignature signature, DataOutputView out)
      throws IOException {
    BinaryValues.writeString(signature.keyId(), out);
    BinaryValues.writeString(signature.signature(), out);
  }

  private static ControlSignature readSignature(DataInputView in) throws IOException {
    return new ControlSignature(BinaryValues.readString(in), BinaryValues.readString(in));
  }
}
