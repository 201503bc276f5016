package io.driftgate.outcome;

import io.driftgate.gate.RoutingUpdate;
import io.driftgate.outcome.Assignment.Exclusion;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts an outcome in the exposed or the control cohort by the routing its dataset published at the
 * outcome's event time: the same hash, salt and exposure the consumer resolved with ({@link
 * VersionResolver}), so consumers need not say which version they read. The rule, and why, is
 * {@code docs/outcomes.md} ("Which cohort an observation counts in"):
 *
 * <ol>
 *   <li>no routing entry at or before the event time: {@code NO_ROLLOUT} for a dataset without
 *       history, {@code BEFORE_ROLLOUT} before its first entry, {@code EXPIRED} before what a
 *       truncated history holds;
 *   <li>the entry in force has no candidate (the rollout ended): {@code NO_ROLLOUT};
 *   <li>its exposure is 0: {@code NOT_EXPOSED_YET};
 *   <li>the entries in force during the settling period {@code (t − grace, t]} are not all known:
 *       {@code EXPIRED}; they give the key more than one version: {@code SETTLING};
 *   <li>otherwise exposed iff the key's bucket is below the exposure, at the entry's stage.
 * </ol>
 *
 * A version the outcome carries is checked against the versions of step 4 and reported as {@link
 * Assignment#versionMismatch()}; it never changes the assignment. A pure function of its arguments:
 * no clock.
 */
public final class CohortAssigner {

  private CohortAssigner() {}

  /**
   * @param grace how long after a routing change a consumer may still read by the routing before
   *     it: the consumers' routing cache age ({@code RoutingTableResolver}'s {@code maxAge}, or its
   *     {@code maxStale} to cover database outages); not negative
   * @throws IllegalArgumentException if the history is of another dataset than the outcome
   */
  public static Assignment assign(RoutingHistory history, Duration grace, Outcome outcome) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("settling period must not be negative: " + grace);
    }
    List<RoutingUpdate> updates = history.updates();
    if (updates.isEmpty()) {
      return new Assignment.Excluded(Exclusion.NO_ROLLOUT, false);
    }
    String dataset = updates.get(0).entry().dataset();
    if (!dataset.equals(outcome.dataset())) {
      throw new IllegalArgumentException(
          "an outcome of " + outcome.dataset() + " judged by the routing history of " + dataset);
    }
    Instant at = Instant.ofEpochMilli(outcome.eventTimeMillis());
    int inForce = history.inForceAt(at);
    if (inForce < 0) {
      return new Assignment.Excluded(
          history.complete() ? Exclusion.BEFORE_ROLLOUT : Exclusion.EXPIRED, false);
    }
    RoutingEntry entry = updates.get(inForce).entry();
    Set<String> readable = readable(history, inForce, at.minus(grace), outcome.cohortKey());
    boolean mismatch =
        readable != null && outcome.version() != null && !readable.contains(outcome.version());
    if (entry.candidateVersion() == null) {
      return new Assignment.Excluded(Exclusion.NO_ROLLOUT, mismatch);
    }
    if (entry.exposureBasisPoints() == 0) {
      return new Assignment.Excluded(Exclusion.NOT_EXPOSED_YET, mismatch);
    }
    if (readable == null) {
      return new Assignment.Excluded(Exclusion.EXPIRED, false);
    }
    if (readable.size() > 1) {
      return new Assignment.Excluded(Exclusion.SETTLING, mismatch);
    }
    return VersionResolver.isExposed(entry, outcome.cohortKey())
        ? new Assignment.Exposed(entry.stage(), mismatch)
        : new Assignment.Control(entry.stage(), mismatch);
  }

  /**
   * The versions {@code cohortKey} reads under the entries in force at some instant of {@code
   * (settledFrom, t]}: the one in force at {@code t} ({@code inForce}), each one before an update
   * after {@code settledFrom}, back to the one in force at {@code settledFrom}. Before the first
   * update of a complete history the consumer read the alias, the first entry's baseline.
   *
   * @return the versions, or {@code null} when the history no longer holds them all
   */
  private static Set<String> readable(
      RoutingHistory history, int inForce, Instant settledFrom, String cohortKey) {
    List<RoutingUpdate> updates = history.updates();
    Set<String> versions = new HashSet<>(4);
    versions.add(VersionResolver.resolve(updates.get(inForce).entry(), cohortKey));
    for (int i = inForce; updates.get(i).at().isAfter(settledFrom); i--) {
      if (i == 0) {
        if (!history.complete()) {
          return null;
        }
        versions.add(updates.get(0).entry().baselineVersion());
        break;
      }
      versions.add(VersionResolver.resolve(updates.get(i - 1).entry(), cohortKey));
    }
    return versions;
  }
}
