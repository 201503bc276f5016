package io.driftgate.rollout;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import java.util.UUID;

/**
 * Decision ids derived from the decision's place in its rollout, so that a replay of the same
 * inputs issues the same ids and the alias table and audit log can drop what they already applied,
 * while another history of the same dataset does not reissue them.
 *
 * <p>The id is the name-based (MD5, version 3) UUID of the dataset, the rollout the decision
 * belongs to and the dataset's decision sequence number, each length-prefixed so that no two
 * triples share a name. The rollout is named by the id of the {@link Command.Start} that began it:
 * the sequence restarts at 1 when a job starts without its state, and a candidate can be rolled out
 * again by such a job, but each start an operator sends has its own command id. A decision that
 * belongs to no rollout (a command rejected for a dataset that never had one) is named by the id of
 * that command instead.
 *
 * <p>A status restored from state saved before rollouts were identified has a candidate but no
 * rollout id; its decisions keep the ids of the earlier version, from the dataset, the candidate
 * and the sequence, so that decisions replayed across the upgrade still match the rows they wrote.
 * A command refused before it reached a rollout is named by the message it came in. The four kinds
 * of name have different prefixes, so an id of one kind is never an id of another.
 */
final class DecisionIds {

  private static final String CANDIDATE_PREFIX = "driftgate-decision:";
  private static final String ROLLOUT_PREFIX = "driftgate-decision:rollout:";
  private static final String COMMAND_PREFIX = "driftgate-decision:command:";
  private static final String REFUSED_PREFIX = "driftgate-decision:refused:";

  private DecisionIds() {}

  /** The id of the decision that {@code change} numbered, by the rules of the class comment. */
  static UUID of(StatusChange change) {
    RolloutStatus after = change.after();
    if (after.rolloutId() != null) {
      return inRollout(after.dataset(), after.rolloutId(), after.decisionSequence());
    }
    if (after.candidateVersion() != null) {
      return ofCandidate(after.dataset(), after.candidateVersion(), after.decisionSequence());
    }
    String commandId =
        Objects.requireNonNull(
            change.commandId(), "a decision outside any rollout answers a command");
    return outsideRollout(after.dataset(), commandId, after.decisionSequence());
  }

  /** A decision of the rollout begun by the start command {@code rolloutId}. */
  static UUID inRollout(String dataset, String rolloutId, long sequence) {
    return named(ROLLOUT_PREFIX, dataset, rolloutId, sequence);
  }

  /** A decision answering the command {@code commandId} of a dataset without a rollout. */
  static UUID outsideRollout(String dataset, String commandId, long sequence) {
    return named(COMMAND_PREFIX, dataset, commandId, sequence);
  }

  /**
   * The refusal of a command that never reached its rollout: see {@link Decision#refusedCommand}.
   */
  static UUID refusedCommand(String dataset, String messageKey) {
    return named(REFUSED_PREFIX, dataset, messageKey, 0);
  }

  /** A decision of a rollout restored from state that did not identify rollouts. */
  static UUID ofCandidate(String dataset, String candidateVersion, long sequence) {
    return named(CANDIDATE_PREFIX, dataset, candidateVersion, sequence);
  }

  private static UUID named(String prefix, String dataset, String scope, long sequence) {
    String name =
        prefix + dataset.length() + ':' + dataset + scope.length() + ':' + scope + sequence;
    return UUID.nameUUIDFromBytes(name.getBytes(UTF_8));
  }
}
