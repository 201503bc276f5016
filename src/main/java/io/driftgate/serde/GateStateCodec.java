package io.driftgate.serde;

import io.driftgate.gate.GateState;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A dataset's gate, the controller's keyed state. Profiles stay in their own versioned format
 * ({@code DatasetProfile.toBytes}), written here as opaque bytes: the profile decides how to read
 * them, and a restored gate holds byte for byte the profiles that were saved.
 */
final class GateStateCodec {

  static final String SCHEMA =
      "GateState(status:"
          + RolloutStatusCodec.SCHEMA
          + "?,stageCandidate:str,stageIndex:int,stageCandidateRecords:long,"
          + "stageBaselineRecords:long,rolloutWindowStart:instant?,"
          + "rolloutCandidateProfile:bytes?,rolloutBaselineProfile:bytes?,windowBets:"
          + WindowBetsCodec.SCHEMA
          + "?,referenceVersion:str,referenceProfile:bytes?,routing:"
          + RoutingCodec.ENTRY_SCHEMA
          + "?,recentCommandIds:list<str>?,rolloutStartedAt:instant?,clock:instant?,notResumable:"
          + GateSnapshotCodec.NOT_RESUMABLE_SCHEMA
          + "?,rolloutStartedBy:str,evidenceComplete:bool)";

  private GateStateCodec() {}

  static void write(GateState state, DataOutputView out) throws IOException {
    GateState.Saved saved = state.saved();
    BinaryValues.writeNullable(saved.status(), RolloutStatusCodec::write, out);
    BinaryValues.writeString(saved.stageCandidate(), out);
    out.writeInt(saved.stageIndex());
    out.writeLong(saved.stageCandidateRecords());
    out.writeLong(saved.stageBaselineRecords());
    BinaryValues.writeInstant(saved.rolloutWindowStart(), out);
    BinaryValues.writeBytes(saved.rolloutCandidateProfile(), out);
    BinaryValues.writeBytes(saved.rolloutBaselineProfile(), out);
    BinaryValues.writeNullable(saved.windowBets(), WindowBetsCodec::write, out);
    BinaryValues.writeString(saved.referenceVersion(), out);
    BinaryValues.writeBytes(saved.referenceProfile(), out);
    BinaryValues.writeNullable(saved.routing(), RoutingCodec::writeEntry, out);
    BinaryValues.writeList(saved.recentCommandIds(), BinaryValues::writeString, out);
    BinaryValues.writeInstant(saved.rolloutStartedAt(), out);
    BinaryValues.writeInstant(saved.clock(), out);
    BinaryValues.writeNullable(saved.notResumable(), GateSnapshotCodec::writeNotResumable, out);
    BinaryValues.writeString(saved.rolloutStartedBy(), out);
    out.writeBoolean(saved.evidenceComplete());
  }

  /**
   * @param version 1 lacks {@code rolloutStartedBy}, which reads as {@code null}: the gate then
   *     cannot tell who started the rollout in flight, see {@code DatasetGate}; versions before 3
   *     lack {@code evidenceComplete}, {@code false}: no rollout had a preflight
   */
  static GateState read(DataInputView in, int version) throws IOException {
    return GateState.restored(
        new GateState.Saved(
            BinaryValues.readNullable(RolloutStatusCodec::read, in),
            BinaryValues.readString(in),
            in.readInt(),
            in.readLong(),
            in.readLong(),
            BinaryValues.readInstant(in),
            BinaryValues.readBytes(in),
            BinaryValues.readBytes(in),
            BinaryValues.readNullable(WindowBetsCodec::read, in),
            BinaryValues.readString(in),
            BinaryValues.readBytes(in),
            BinaryValues.readNullable(RoutingCodec::readEntry, in),
            BinaryValues.readList(BinaryValues::readString, in),
            BinaryValues.readInstant(in),
            BinaryValues.readInstant(in),
            BinaryValues.readNullable(GateSnapshotCodec::readNotResumable, in),
            version >= 2 ? BinaryValues.readString(in) : null,
            version >= 3 && in.readBoolean()));
  }
}
