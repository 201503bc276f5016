package io.driftgate.serde;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.rollout.AbandonedCandidates;
import io.driftgate.rollout.AdvanceApprovals;
import io.driftgate.rollout.BreachStreaks;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RolloutStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A dataset's rollout status inside the gate's state. Breach streaks are written in gate-name
 * order: the record holds them in an immutable map whose iteration order changes from one JVM to
 * the next, and the same status must give the same bytes. Advance approvals are commands ({@link
 * CommandCodec}), so an approval restores exactly as it was given.
 */
final class RolloutStatusCodec {

  static final String SCHEMA =
      "RolloutStatus(dataset:str,candidateVersion:str,baselineVersion:str,plan:"
          + RolloutPlanCodec.SCHEMA
          + "?,phase:enum Phase,stageIndex:int,stageStartedAt:instant?,"
          + "phaseBeforePause:enum Phase,exposureBasisPoints:int,"
          + "breachStreaks:map<str,int> by key?,lastHold:enum HoldReason,overdue:bool,"
          + "decisionSequence:long,abandoned:list<str>?,advanceApprovals:list<"
          + CommandCodec.SCHEMA
          + ">,rolloutId:str)";

  private RolloutStatusCodec() {}

  static void write(RolloutStatus status, DataOutputView out) throws IOException {
    BinaryValues.writeString(status.dataset(), out);
    BinaryValues.writeString(status.candidateVersion(), out);
    BinaryValues.writeString(status.baselineVersion(), out);
    BinaryValues.writeNullable(status.plan(), RolloutPlanCodec::write, out);
    BinaryValues.writeEnum(status.phase(), out);
    out.writeInt(status.stageIndex());
    BinaryValues.writeInstant(status.stageStartedAt(), out);
    BinaryValues.writeEnum(status.phaseBeforePause(), out);
    out.writeInt(status.exposureBasisPoints());
    BinaryValues.writeNullable(status.breachStreaks(), RolloutStatusCodec::writeStreaks, out);
    BinaryValues.writeEnum(status.lastHold(), out);
    out.writeBoolean(status.overdue());
    out.writeLong(status.decisionSequence());
    BinaryValues.writeList(
        status.abandoned() == null ? null : status.abandoned().versions(),
        BinaryValues::writeString,
        out);
    BinaryValues.writeList(status.advanceApprovals().approvals(), CommandCodec::write, out);
    BinaryValues.writeString(status.rolloutId(), out);
  }

  static RolloutStatus read(DataInputView in) throws IOException {
    String dataset = BinaryValues.readString(in);
    String candidateVersion = BinaryValues.readString(in);
    String baselineVersion = BinaryValues.readString(in);
    RolloutPlan plan = BinaryValues.readNullable(RolloutPlanCodec::read, in);
    Phase phase = BinaryValues.readEnum(Phase.class, in);
    int stageIndex = in.readInt();
    Instant stageStartedAt = BinaryValues.readInstant(in);
    Phase phaseBeforePause = BinaryValues.readEnum(Phase.class, in);
    int exposureBasisPoints = in.readInt();
    BreachStreaks breachStreaks = BinaryValues.readNullable(RolloutStatusCodec::readStreaks, in);
    HoldReason lastHold = BinaryValues.readEnum(HoldReason.class, in);
    boolean overdue = in.readBoolean();
    long decisionSequence = in.readLong();
    List<String> abandoned = BinaryValues.readList(BinaryValues::readString, in);
    List<Command> approvals = BinaryValues.readList(CommandCodec::read, in);
    String rolloutId = BinaryValues.readString(in);
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        phase,
        stageIndex,
        stageStartedAt,
        phaseBeforePause,
        exposureBasisPoints,
        breachStreaks,
        lastHold,
        overdue,
        decisionSequence,
        abandoned == null ? null : new AbandonedCandidates(abandoned),
        new AdvanceApprovals(approvals(approvals)),
        rolloutId);
  }

  private static void writeStreaks(BreachStreaks streaks, DataOutputView out) throws IOException {
    Map<String, Integer> sorted = new TreeMap<>(streaks.counts());
    out.writeInt(sorted.size());
    for (Map.Entry<String, Integer> streak : sorted.entrySet()) {
      BinaryValues.writeString(streak.getKey(), out);
      out.writeInt(streak.getValue());
    }
  }

  private static BreachStreaks readStreaks(DataInputView in) throws IOException {
    int size = in.readInt();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      counts.put(BinaryValues.readString(in), in.readInt());
    }
    return new BreachStreaks(counts);
  }

  private static List<Command.Approve> approvals(List<Command> commands) throws IOException {
    List<Command.Approve> approvals = new ArrayList<>(commands.size());
    for (Command command : commands) {
      if (!(command instanceof Command.Approve approve)) {
        throw new IOException("an advance approval that is a " + command.getClass());
      }
      approvals.add(approve);
    }
    return approvals;
  }
}
