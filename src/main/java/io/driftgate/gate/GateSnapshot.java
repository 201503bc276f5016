package io.driftgate.gate;

import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.wire.PlanJson;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a job started without its state needs of one dataset's gate, as the row of {@code
 * gate_snapshot} holds it (sql/migrations/V4): written after every step that changed it, read by
 * {@link GateRecovery} when the job meets a dataset its keyed state does not know. The evidence,
 * stage counts, breach streaks and approvals given in advance are not kept: a resumed rollout
 * restarts its evidence, as after a contract upgrade.
 *
 * @param decisionSequence the dataset's last decision sequence: a new job numbers on from it, so
 *     its decision ids and routing rows supersede the old ones
 * @param referenceProfile {@link io.driftgate.profile.DatasetProfile#toBytes()} of {@code
 *     referenceVersion}; {@code null} with it
 * @param abandoned candidates never to start again, oldest first
 * @param recentCommandIds the latest commands answered, oldest first: a command read again after a
 *     restart (its offset not yet committed) is dropped, not answered twice
 * @param rollout the latest rollout, active or ended; {@link Rollout#NONE} when there was none
 * @param updatedAt event time of the step that wrote the snapshot: the gate's clock
 */
public record GateSnapshot(
    String dataset,
    long decisionSequence,
    String referenceVersion,
    byte[] referenceProfile,
    List<String> abandoned,
    List<String> recentCommandIds,
    Rollout rollout,
    Instant updatedAt)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * The rollout part of a snapshot, as stored. Phase and plan are kept as text, so a row this
   * version of the job cannot read (a plan it would refuse, a phase it does not know) still loads
   * and recovery can say why it is not resumed.
   *
   * @param phase a {@link Phase} name; {@code PENDING} when there was no rollout
   * @param rolloutId the id of the start command that began it
   * @param plan as {@link PlanJson}; {@code null} while {@code PENDING}
   * @param stageIndex -1 while {@code PENDING}
   * @param routingSalt the cohort hash salt of its routing rows
   * @param startedAt when it started: earlier windows belong to no rollout
   */
  public record Rollout(
      String phase,
      String rolloutId,
      String candidateVersion,
      String baselineVersion,
      String plan,
      int stageIndex,
      Instant stageStartedAt,
      String phaseBeforePause,
      int exposureBasisPoints,
      String routingSalt,
      Instant startedAt)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Rollout NONE =
        new Rollout(Phase.PENDING.name(), null, null, null, null, -1, null, null, 0, null, null);

    public Rollout {
      Objects.requireNonNull(phase, "phase");
    }

    static Rollout of(RolloutStatus status, Instant startedAt) {
      return new Rollout(
          status.phase().name(),
          status.rolloutId(),
          status.candidateVersion(),
          status.baselineVersion(),
          status.plan() == null ? null : PlanJson.toText(status.plan()),
          status.stageIndex(),
          status.stageStartedAt(),
          status.phaseBeforePause() == null ? null : status.phaseBeforePause().name(),
          status.exposureBasisPoints(),
          status.candidateVersion() == null ? null : DatasetGate.saltOf(status),
          startedAt);
    }
  }

  public GateSnapshot {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(rollout, "rollout");
    abandoned = List.copyOf(abandoned);
    recentCommandIds = List.copyOf(recentCommandIds);
  }

  /**
   * A dataset the database has no snapshot of, but whose decisions reached {@code
   * decisionSequence}: numbered on from there all the same.
   */
  public static GateSnapshot sequenceOnly(String dataset, long decisionSequence, Instant at) {
    return new GateSnapshot(
        dataset, decisionSequence, null, null, List.of(), List.of(), Rollout.NONE, at);
  }

  /**
   * The snapshot of {@code state}, or {@code null} before it has a status. A rollout recovered
   * without being resumable is written back as it was read until it ends, so that a second restart
   * finds the same rollout, not what this job made of it.
   */
  public static GateSnapshot of(GateState state) {
    RolloutStatus status = state.status;
    if (status == null) {
      return null;
    }
    RecentCommandIds commands =
        state.recentCommandIds == null ? RecentCommandIds.NONE : state.recentCommandIds;
    return new GateSnapshot(
        status.dataset(),
        status.decisionSequence(),
        state.referenceVersion,
        state.referenceProfile,
        status.abandoned().versions(),
        commands.ids(),
        state.notResumable != null
            ? state.notResumable.stored()
            : Rollout.of(status, state.rolloutStartedAt),
        state.clock);
  }

  /**
   * Whether this snapshot stores anything {@code earlier} did not, its time aside: what decides
   * whether a step writes a new row.
   */
  public boolean differsFrom(GateSnapshot earlier) {
    return earlier == null
        || !equals(
            new GateSnapshot(
                earlier.dataset,
                earlier.decisionSequence,
                earlier.referenceVersion,
                earlier.referenceProfile,
                earlier.abandoned,
                earlier.recentCommandIds,
                earlier.rollout,
                updatedAt));
  }

  /** Compares the profile by content: a record compares arrays by identity. */
  @Override
  public boolean equals(Object other) {
    return other instanceof GateSnapshot that
        && decisionSequence == that.decisionSequence
        && dataset.equals(that.dataset)
        && Objects.equals(referenceVersion, that.referenceVersion)
        && Arrays.equals(referenceProfile, that.referenceProfile)
        && abandoned.equals(that.abandoned)
        && recentCommandIds.equals(that.recentCommandIds)
        && rollout.equals(that.rollout)
        && Objects.equals(updatedAt, that.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataset, decisionSequence, rollout, updatedAt);
  }

  /** Without the profile's bytes, which would fill a log line. */
  @Override
  public String toString() {
    return String.format(
        "GateSnapshot[%s #%d, reference %s (%d bytes), abandoned %s, %s, updated %s]",
        dataset,
        decisionSequence,
        referenceVersion,
        referenceProfile == null ? 0 : referenceProfile.length,
        abandoned,
        rollout,
        updatedAt);
  }
}
