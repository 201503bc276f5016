package io.driftgate.store;

/**
 * What {@link DatasetRegistry#register} did.
 *
 * @param currentVersion the version the alias names after the call; for {@link
 *     Outcome#ROUTED_ELSEWHERE}, the baseline of the dataset's routing entry
 * @param locationRecorded whether the call recorded the version's location (false when none was
 *     given, when the same one was recorded before, and when the registration was refused)
 */
public record Registration(Outcome outcome, String currentVersion, boolean locationRecorded) {

  /** Whether the dataset's alias names the registered version now. */
  public boolean registered() {
    return outcome == Outcome.REGISTERED || outcome == Outcome.ALREADY_REGISTERED;
  }

  /** What became of a registration. */
  public enum Outcome {
    /** The dataset had no alias: it has one now, with its {@code alias_history} row. */
    REGISTERED,
    /** The alias names the version already: nothing changed but, maybe, a new location. */
    ALREADY_REGISTERED,
    /** The alias names another version: refused, nothing written. Only rollouts move an alias. */
    ALIAS_ELSEWHERE,
    /**
     * No alias, but a routing entry whose baseline is another version (a rollout that will create
     * the alias when it promotes): refused, nothing written, so that the promotion finds what its
     * rollout started from.
     */
    ROUTED_ELSEWHERE
  }
}
