package io.driftgate.serde;

import io.driftgate.drift.Moments;
import io.driftgate.gate.GateState;
import io.driftgate.outcome.CohortObservations;
import io.driftgate.outcome.RoutingHistory;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A dataset's gate, the controller's keyed state. Profiles stay in their own versioned format
 * ({@code DatasetProfile.toBytes}), written here as opaque bytes: the profile decides how to read
 * them, and a restored gate holds byte for byte the profiles that were saved.
 */
final class GateStateCodec {

  private static final String MOMENTS = "Moments(n:long,mean:f64,m2:f64)";

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
          + "?,rolloutStartedBy:str,evidenceComplete:bool,routingHistory:"
          + RoutingHistorySerializer.SCHEMA
          + ",outcomes:list<Cell(metric:str,stageIndex:int,exposed:"
          + MOMENTS
          + ",control:"
          + MOMENTS
          + ")>,outcomeDistributions:"
          + OutcomeDistributionsCodec.SCHEMA
          + "?)";

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
    RoutingHistorySerializer.writeHistory(saved.routingHistory(), out);
    BinaryValues.writeList(saved.outcomes(), GateStateCodec::writeCell, out);
    BinaryValues.writeNullable(saved.outcomeDistributions(), OutcomeDistributionsCodec::write, out);
  }

  private static void writeCell(CohortObservations.Cell cell, DataOutputView out)
      throws IOException {
    BinaryValues.writeString(cell.metric(), out);
    out.writeInt(cell.stageIndex());
    writeMoments(cell.exposed(), out);
    writeMoments(cell.control(), out);
  }

  private static CohortObservations.Cell readCell(DataInputView in) throws IOException {
    return new CohortObservations.Cell(
        BinaryValues.readString(in), in.readInt(), readMoments(in), readMoments(in));
  }

  private static void writeMoments(Moments moments, DataOutputView out) throws IOException {
    out.writeLong(moments.n());
    BinaryValues.writeDouble(moments.mean(), out);
    BinaryValues.writeDouble(moments.m2(), out);
  }

  private static Moments readMoments(DataInputView in) throws IOException {
    return new Moments(in.readLong(), BinaryValues.readDouble(in), BinaryValues.readDouble(in));
  }

  /**
   * @param version 1 lacks {@code rolloutStartedBy}, which reads as {@code null}: the gate then
   *     cannot tell who started the rollout in flight, see {@code DatasetGate}; versions before 3
   *     lack {@code evidenceComplete}, {@code false}: no rollout had a preflight; versions before 4
   *     lack the routing history and the outcome observations: none; versions before 5 lack the
   *     outcome distributions: none
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
            version >= 3 && in.readBoolean(),
            version >= 4 ? RoutingHistorySerializer.readHistory(in) : RoutingHistory.EMPTY,
            version >= 4 ? BinaryValues.readList(GateStateCodec::readCell, in) : List.of(),
            version >= 5 ? BinaryValues.readNullable(OutcomeDistributionsCodec::read, in) : null));
  }
}
