package io.driftgate.serde;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.Reason;
import io.driftgate.rollout.RejectReason;
import io.driftgate.rollout.RollbackReason;
import java.io.IOException;
import java.util.UUID;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A decision, on its way to the audit log, the alias table and the notifications. Its reason is a
 * family tag and the constant's name: the families are separate enums with overlapping names.
 */
final class DecisionCodec {

  private static final int NO_REASON = 0;
  private static final int HOLD = 1;
  private static final int PROGRESS = 2;
  private static final int ROLLBACK = 3;
  private static final int REJECT = 4;

  static final String SCHEMA =
      "Decision(decisionId:uuid?,sequence:long,dataset:str,candidateVersion:str,"
          + "baselineVersion:str,kind:enum DecisionKind,fromPhase:enum Phase,toPhase:enum Phase,"
          + "stageIndex:int,exposureBasisPoints:int,routingChanged:bool,"
          + "reason:(tag:byte 0=none 1=HoldReason 2=ProgressReason 3=RollbackReason"
          + " 4=RejectReason,name:str),message:str,evidence:list<"
          + GateResultCodec.SCHEMA
          + ">,actor:str,at:instant?)";

  private DecisionCodec() {}

  static void write(Decision decision, DataOutputView out) throws IOException {
    BinaryValues.writeNullable(decision.decisionId(), DecisionCodec::writeUuid, out);
    out.writeLong(decision.sequence());
    BinaryValues.writeString(decision.dataset(), out);
    BinaryValues.writeString(decision.candidateVersion(), out);
    BinaryValues.writeString(decision.baselineVersion(), out);
    BinaryValues.writeEnum(decision.kind(), out);
    BinaryValues.writeEnum(decision.fromPhase(), out);
    BinaryValues.writeEnum(decision.toPhase(), out);
    out.writeInt(decision.stageIndex());
    out.writeInt(decision.exposureBasisPoints());
    out.writeBoolean(decision.routingChanged());
    writeReason(decision.reason(), out);
    BinaryValues.writeString(decision.message(), out);
    BinaryValues.writeList(decision.evidence(), GateResultCodec::write, out);
    BinaryValues.writeString(decision.actor(), out);
    BinaryValues.writeInstant(decision.at(), out);
  }

  /**
   * @param version 1 wrote evidence without the cohorts' means
   */
  static Decision read(DataInputView in, int version) throws IOException {
    return new Decision(
        BinaryValues.readNullable(DecisionCodec::readUuid, in),
        in.readLong(),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readEnum(DecisionKind.class, in),
        BinaryValues.readEnum(Phase.class, in),
        BinaryValues.readEnum(Phase.class, in),
        in.readInt(),
        in.readInt(),
        in.readBoolean(),
        readReason(in),
        BinaryValues.readString(in),
        BinaryValues.readList(input -> GateResultCodec.read(input, version >= 2), in),
        BinaryValues.readString(in),
        BinaryValues.readInstant(in));
  }

  private static void writeUuid(UUID id, DataOutputView out) throws IOException {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }

  private static UUID readUuid(DataInputView in) throws IOException {
    return new UUID(in.readLong(), in.readLong());
  }

  private static void writeReason(Reason reason, DataOutputView out) throws IOException {
    int tag;
    if (reason == null) {
      tag = NO_REASON;
    } else if (reason instanceof HoldReason) {
      tag = HOLD;
    } else if (reason instanceof ProgressReason) {
      tag = PROGRESS;
    } else if (reason instanceof RollbackReason) {
      tag = ROLLBACK;
    } else if (reason instanceof RejectReason) {
      tag = REJECT;
    } else {
      throw new IllegalArgumentException("unknown reason " + reason.getClass());
    }
    out.writeByte(tag);
    if (reason != null) {
      BinaryValues.writeString(reason.name(), out);
    }
  }

  private static Reason readReason(DataInputView in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case NO_REASON -> null;
      case HOLD -> BinaryValues.readEnum(HoldReason.class, in);
      case PROGRESS -> BinaryValues.readEnum(ProgressReason.class, in);
      case ROLLBACK -> BinaryValues.readEnum(RollbackReason.class, in);
      case REJECT -> BinaryValues.readEnum(RejectReason.class, in);
      default -> throw new IOException("unknown decision reason tag " + tag);
    };
  }
}
