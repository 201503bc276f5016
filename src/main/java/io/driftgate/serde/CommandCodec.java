package io.driftgate.serde;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Preflight;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An operator's command: a tag for the kind, the fields every command has, then the kind's own.
 * Tags are fixed numbers, never reused, so a new kind of command gets a new tag. A start is written
 * with tag 7, which adds the candidate's location and preflight; tag 1, a start without them, is
 * only read, from state saved before they existed.
 */
final class CommandCodec {

  private static final int START = 1;
  private static final int APPROVE = 2;
  private static final int PAUSE = 3;
  private static final int RESUME = 4;
  private static final int ABORT = 5;
  private static final int MANUAL_ROLLBACK = 6;
  private static final int START_LOCATED = 7;

  static final String PREFLIGHT_SCHEMA =
      "Preflight(candidateSource:str,baselineSource:str?,candidateProfile:bytes,"
          + "baselineProfile:bytes?,unreadableCandidateRows:long,unreadableBaselineRows:long)";

  static final String SCHEMA =
      "Command(tag:byte,commandId:str,dataset:str,actor:str,at:instant?;"
          + " 1=Start(candidateVersion:str,baselineVersion:str,plan:"
          + RolloutPlanCodec.SCHEMA
          + "?) 2=Approve(stageIndex:int) 3=Pause() 4=Resume() 5=Abort(reason:str)"
          + " 6=ManualRollback(reason:str) 7=Start(candidateVersion:str,baselineVersion:str,plan:"
          + RolloutPlanCodec.SCHEMA
          + "?,location:str?,preflight:"
          + PREFLIGHT_SCHEMA
          + "?))";

  private CommandCodec() {}

  static void write(Command command, DataOutputView out) throws IOException {
    out.writeByte(tag(command));
    BinaryValues.writeString(command.commandId(), out);
    BinaryValues.writeString(command.dataset(), out);
    BinaryValues.writeString(command.actor(), out);
    BinaryValues.writeInstant(command.at(), out);
    if (command instanceof Command.Start start) {
      BinaryValues.writeString(start.candidateVersion(), out);
      BinaryValues.writeString(start.baselineVersion(), out);
      BinaryValues.writeNullable(start.plan(), RolloutPlanCodec::write, out);
      BinaryValues.writeString(start.location(), out);
      BinaryValues.writeNullable(start.preflight(), CommandCodec::writePreflight, out);
    } else if (command instanceof Command.Approve approve) {
      out.writeInt(approve.stageIndex());
    } else if (command instanceof Command.Abort abort) {
      BinaryValues.writeString(abort.reason(), out);
    } else if (command instanceof Command.ManualRollback rollback) {
      BinaryValues.writeString(rollback.reason(), out);
    }
  }

  static Command read(DataInputView in) throws IOException {
    int tag = in.readUnsignedByte();
    String commandId = BinaryValues.readString(in);
    String dataset = BinaryValues.readString(in);
    String actor = BinaryValues.readString(in);
    Instant at = BinaryValues.readInstant(in);
    return switch (tag) {
      case START, START_LOCATED -> readStart(commandId, dataset, actor, at, tag, in);
      case APPROVE -> new Command.Approve(commandId, dataset, actor, at, in.readInt());
      case PAUSE -> new Command.Pause(commandId, dataset, actor, at);
      case RESUME -> new Command.Resume(commandId, dataset, actor, at);
      case ABORT -> new Command.Abort(commandId, dataset, actor, at, BinaryValues.readString(in));
      case MANUAL_ROLLBACK ->
          new Command.ManualRollback(commandId, dataset, actor, at, BinaryValues.readString(in));
      default -> throw new IOException("unknown command tag " + tag);
    };
  }

  /** A start; one of tag {@code START} has no location and no preflight. */
  private static Command.Start readStart(
      String commandId, String dataset, String actor, Instant at, int tag, DataInputView in)
      throws IOException {
    String candidate = BinaryValues.readString(in);
    String baseline = BinaryValues.readString(in);
    RolloutPlan plan = BinaryValues.readNullable(RolloutPlanCodec::read, in);
    boolean located = tag == START_LOCATED;
    return new Command.Start(
        commandId,
        dataset,
        actor,
        at,
        candidate,
        baseline,
        plan,
        located ? BinaryValues.readString(in) : null,
        located ? BinaryValues.readNullable(CommandCodec::readPreflight, in) : null);
  }

  private static int tag(Command command) {
    if (command instanceof Command.Start) {
      return START_LOCATED;
    } else if (command instanceof Command.Approve) {
      return APPROVE;
    } else if (command instanceof Command.Pause) {
      return PAUSE;
    } else if (command instanceof Command.Resume) {
      return RESUME;
    } else if (command instanceof Command.Abort) {
      return ABORT;
    } else if (command instanceof Command.ManualRollback) {
      return MANUAL_ROLLBACK;
    }
    throw new IllegalArgumentException("unknown command " + command.getClass());
  }

  private static void writePreflight(Preflight preflight, DataOutputView out) throws IOException {
    BinaryValues.writeString(preflight.candidateSource(), out);
    BinaryValues.writeString(preflight.baselineSource(), out);
    BinaryValues.writeBytes(preflight.candidateProfile(), out);
    BinaryValues.writeBytes(preflight.baselineProfile(), out);
    out.writeLong(preflight.unreadableCandidateRows());
    out.writeLong(preflight.unreadableBaselineRows());
  }

  private static Preflight readPreflight(DataInputView in) throws IOException {
    return new Preflight(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readBytes(in),
        BinaryValues.readBytes(in),
        in.readLong(),
        in.readLong());
  }
}
