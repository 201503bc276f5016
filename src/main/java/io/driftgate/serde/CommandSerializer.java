package io.driftgate.serde;

import io.driftgate.rollout.Command;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Checked commands from the control step, to the controller's keyed and broadcast inputs. */
public final class CommandSerializer extends VersionedSerializer<Command> {

  private static final long serialVersionUID = 1L;

  public CommandSerializer() {
    super(Command.class, "driftgate.Command", 2, CommandCodec.SCHEMA);
  }

  @Override
  protected void write(Command value, DataOutputView out) throws IOException {
    CommandCodec.write(value, out);
  }

  @Override
  protected Command read(DataInputView in, int version) throws IOException {
    return CommandCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<Command> {
    public Snapshot() {
      super(new CommandSerializer());
    }
  }
}
