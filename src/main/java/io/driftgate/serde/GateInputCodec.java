package io.driftgate.serde;

import io.driftgate.job.GateInput;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The controller's input: a tag, then a window's profile, a command, or a window's outcomes (tag 3,
 * from format version 3 of {@code GateInput} and {@code PendingInputs}).
 */
final class GateInputCodec {

  private static final int WINDOW = 1;
  private static final int CONTROL = 2;
  private static final int OUTCOMES = 3;

  static final String SCHEMA =
      "GateInput(tag:byte; 1=Window(profile:"
          + WindowProfileCodec.SCHEMA
          + ") 2=Control(command:"
          + CommandCodec.SCHEMA
          + ") 3=Outcomes(dataset:str,windowStart:long,windowEnd:long,outcomes:list<"
          + OutcomeSerializer.SCHEMA
          + ">))";

  private GateInputCodec() {}

  static void write(GateInput input, DataOutputView out) throws IOException {
    if (input instanceof GateInput.Window window) {
      out.writeByte(WINDOW);
      WindowProfileCodec.write(window.profile(), out);
    } else if (input instanceof GateInput.Outcomes outcomes) {
      out.writeByte(OUTCOMES);
      BinaryValues.writeString(outcomes.dataset(), out);
      out.writeLong(outcomes.windowStart());
      out.writeLong(outcomes.windowEnd());
      BinaryValues.writeList(outcomes.outcomes(), OutcomeSerializer::writeOutcome, out);
    } else {
      out.writeByte(CONTROL);
      CommandCodec.write(((GateInput.Control) input).command(), out);
    }
  }

  static GateInput read(DataInputView in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case WINDOW -> new GateInput.Window(WindowProfileCodec.read(in));
      case CONTROL -> new GateInput.Control(CommandCodec.read(in));
      case OUTCOMES ->
          new GateInput.Outcomes(
              BinaryValues.readString(in),
              in.readLong(),
              in.readLong(),
              BinaryValues.readList(OutcomeSerializer::readOutcome, in));
      default -> throw new IOException("unknown gate input tag " + tag);
    };
  }
}
