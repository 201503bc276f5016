package io.driftgate.serde;

import io.driftgate.job.RolloutController.PendingInputs;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** One step of the controller's event-time queue: its inputs in arrival order, and a deadline. */
final class PendingInputsCodec {

  static final String SCHEMA =
      "PendingInputs(inputs:list<" + GateInputCodec.SCHEMA + ">,deadline:long?)";

  private PendingInputsCodec() {}

  static void write(PendingInputs pending, DataOutputView out) throws IOException {
    BinaryValues.writeList(pending.inputs(), GateInputCodec::write, out);
    BinaryValues.writeNullableLong(pending.deadline(), out);
  }

  static PendingInputs read(DataInputView in) throws IOException {
    return new PendingInputs(
        BinaryValues.readList(GateInputCodec::read, in), BinaryValues.readNullableLong(in));
  }
}
