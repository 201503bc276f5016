package io.driftgate.serde;

import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A refused input with its original bytes, on its way to the dead-letter topic. */
final class DeadLetterCodec {

  static final String SCHEMA =
      "DeadLetter(reason:enum wire.RejectReason,detail:str,origin:str,original:bytes?,"
          + "observedAtMillis:long)";

  private DeadLetterCodec() {}

  static void write(DeadLetter letter, DataOutputView out) throws IOException {
    BinaryValues.writeEnum(letter.reason(), out);
    BinaryValues.writeString(letter.detail(), out);
    BinaryValues.writeString(letter.origin(), out);
    BinaryValues.writeBytes(letter.original(), out);
    out.writeLong(letter.observedAtMillis());
  }

  static DeadLetter read(DataInputView in) throws IOException {
    return new DeadLetter(
        BinaryValues.readEnum(RejectReason.class, in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readBytes(in),
        in.readLong());
  }
}
