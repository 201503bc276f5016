package io.driftgate.serde;

import io.driftgate.gate.GateSnapshot;
import io.driftgate.gate.NotResumable;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the database keeps of a gate ({@link GateSnapshot}), on its way from the controller to the
 * {@code gate_snapshot} sink; and a rollout recovered without being resumable, in the gate's state.
 * Phase and plan stay text, as stored, so that a row this build cannot run still travels intact.
 */
final class GateSnapshotCodec {

  static final String ROLLOUT_SCHEMA =
      "Rollout(phase:str,rolloutId:str,candidateVersion:str,baselineVersion:str,plan:str,"
          + "stageIndex:int,stageStartedAt:instant?,phaseBeforePause:str,"
          + "exposureBasisPoints:int,routingSalt:str,startedAt:instant?)";

  static final String NOT_RESUMABLE_SCHEMA = "NotResumable(stored:" + ROLLOUT_SCHEMA + ",why:str)";

  static final String SCHEMA =
      "GateSnapshot(dataset:str,decisionSequence:long,referenceVersion:str,"
          + "referenceProfile:bytes?,abandoned:list<str>?,recentCommandIds:list<str>?,rollout:"
          + ROLLOUT_SCHEMA
          + ",updatedAt:instant?)";

  private GateSnapshotCodec() {}

  static void write(GateSnapshot snapshot, DataOutputView out) throws IOException {
    BinaryValues.writeString(snapshot.dataset(), out);
    out.writeLong(snapshot.decisionSequence());
    BinaryValues.writeString(snapshot.referenceVersion(), out);
    BinaryValues.writeBytes(snapshot.referenceProfile(), out);
    BinaryValues.writeList(snapshot.abandoned(), BinaryValues::writeString, out);
    BinaryValues.writeList(snapshot.recentCommandIds(), BinaryValues::writeString, out);
    writeRollout(snapshot.rollout(), out);
    BinaryValues.writeInstant(snapshot.updatedAt(), out);
  }

  static GateSnapshot read(DataInputView in) throws IOException {
    return new GateSnapshot(
        BinaryValues.readString(in),
        in.readLong(),
        BinaryValues.readString(in),
        BinaryValues.readBytes(in),
        BinaryValues.readList(BinaryValues::readString, in),
        BinaryValues.readList(BinaryValues::readString, in),
        readRollout(in),
        BinaryValues.readInstant(in));
  }

  static void writeNotResumable(NotResumable value, DataOutputView out) throws IOException {
    writeRollout(value.stored(), out);
    BinaryValues.writeString(value.why(), out);
  }

  static NotResumable readNotResumable(DataInputView in) throws IOException {
    return new NotResumable(readRollout(in), BinaryValues.readString(in));
  }

  private static void writeRollout(GateSnapshot.Rollout rollout, DataOutputView out)
      throws IOException {
    BinaryValues.writeString(rollout.phase(), out);
    BinaryValues.writeString(rollout.rolloutId(), out);
    BinaryValues.writeString(rollout.candidateVersion(), out);
    BinaryValues.writeString(rollout.baselineVersion(), out);
    BinaryValues.writeString(rollout.plan(), out);
    out.writeInt(rollout.stageIndex());
    BinaryValues.writeInstant(rollout.stageStartedAt(), out);
    BinaryValues.writeString(rollout.phaseBeforePause(), out);
    out.writeInt(rollout.exposureBasisPoints());
    BinaryValues.writeString(rollout.routingSalt(), out);
    BinaryValues.writeInstant(rollout.startedAt(), out);
  }

  private static GateSnapshot.Rollout readRollout(DataInputView in) throws IOException {
    return new GateSnapshot.Rollout(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        in.readInt(),
        BinaryValues.readInstant(in),
        BinaryValues.readString(in),
        in.readInt(),
        BinaryValues.readString(in),
        BinaryValues.readInstant(in));
  }
}
