package io.driftgate.rollout;

import io.driftgate.contract.RolloutPlan;
import java.time.Instant;

/**
 * An operator's instruction for one dataset's rollout. Commands are inputs like evaluations: their
 * event time {@link #at()} is what decisions record, never the time they are processed — unless the
 * gate has already applied inputs of a later event time (a command that arrived late, or one
 * applied ahead of the watermark before it), when they are dated at that later time, so that no
 * decision is dated before one that precedes it.
 */
public sealed interface Command extends java.io.Serializable
    permits Command.Start,
        Command.Approve,
        Command.Pause,
        Command.Resume,
        Command.Abort,
        Command.ManualRollback {

  /** Identifies the command for deduplication upstream; decisions do not depend on it. */
  String commandId();

  String dataset();

  /** Who issued the command; recorded on the decision it causes. */
  String actor();

  Instant at();

  /**
   * Begin exposing {@code candidateVersion} against {@code baselineVersion} along {@code plan}.
   *
   * @param plan {@code null} for the contract's plan
   * @param location where consumers read the candidate (a table, a path, a snapshot, any URI);
   *     {@code null} when the start does not say
   * @param preflight the whole candidate read before anyone is exposed; {@code null} for a
   *     candidate streamed on the records topic
   */
  record Start(
      String commandId,
      String dataset,
      String actor,
      Instant at,
      String candidateVersion,
      String baselineVersion,
      RolloutPlan plan,
      String location,
      Preflight preflight)
      implements Command {

    /** A start of a streamed candidate with no location. */
    public Start(
        String commandId,
        String dataset,
        String actor,
        Instant at,
        String candidateVersion,
        String baselineVersion,
        RolloutPlan plan) {
      this(commandId, dataset, actor, at, candidateVersion, baselineVersion, plan, null, null);
    }

    /** The same start running {@code newPlan}. */
    public Start withPlan(RolloutPlan newPlan) {
      return new Start(
          commandId,
          dataset,
          actor,
          at,
          candidateVersion,
          baselineVersion,
          newPlan,
          location,
          preflight);
    }
  }

  /** Allow the stage {@code stageIndex}, which awaits approval, to be entered. */
  record Approve(String commandId, String dataset, String actor, Instant at, int stageIndex)
      implements Command {}

  /** Freeze the exposure; rollback protection stays on. */
  record Pause(String commandId, String dataset, String actor, Instant at) implements Command {}

  /** Return to the phase the rollout was paused in. */
  record Resume(String commandId, String dataset, String actor, Instant at) implements Command {}

  /** Stop the rollout for good and withdraw the candidate. */
  record Abort(String commandId, String dataset, String actor, Instant at, String reason)
      implements Command {}

  /** Withdraw the candidate as a rollback, e.g. after an incident the gates did not see. */
  record ManualRollback(String commandId, String dataset, String actor, Instant at, String reason)
      implements Command {}
}
