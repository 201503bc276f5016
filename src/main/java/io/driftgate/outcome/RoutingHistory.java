package io.driftgate.outcome;

import io.driftgate.gate.RoutingUpdate;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The routing entries one dataset's rollouts published, each from the event time it took effect, so
 * that an outcome can be judged by the routing in force when it was observed rather than by the
 * routing now. Immutable: every change gives a new history.
 *
 * <p>Updates are kept in the order they take effect: by {@code at}, then by decision sequence (of
 * two updates at the same instant, the later decision is in force). An update whose decision
 * sequence is already held is a replay and changes nothing.
 *
 * <p>It is bounded by {@link #retainedFrom}: updates superseded before a horizon are dropped, and
 * the history is then no longer {@link #complete()}, so that the routing before its first update
 * counts as unknown rather than as "before the rollout".
 *
 * @param updates in the order they take effect, all of one dataset, each with its {@code at}
 * @param complete whether the history holds every update since the dataset's first: nothing was
 *     dropped
 */
public record RoutingHistory(List<RoutingUpdate> updates, boolean complete)
    implements Serializable {

  private static final Comparator<RoutingUpdate> IN_EFFECT =
      Comparator.comparing(RoutingUpdate::at).thenComparingLong(RoutingUpdate::decisionSequence);

  /** The history of a dataset that has published no routing. */
  public static final RoutingHistory EMPTY = new RoutingHistory(List.of(), true);

  public RoutingHistory {
    updates = List.copyOf(updates);
    for (int i = 0; i < updates.size(); i++) {
      RoutingUpdate update = updates.get(i);
      if (update.at() == null) {
        throw new IllegalArgumentException(
            "routing history: update " + update.decisionSequence() + " has no time");
      }
      if (i > 0) {
        RoutingUpdate before = updates.get(i - 1);
        if (!before.entry().dataset().equals(update.entry().dataset())) {
          throw new IllegalArgumentException(
              "routing history of "
                  + before.entry().dataset()
                  + " cannot hold an update of "
                  + update.entry().dataset());
        }
        if (IN_EFFECT.compare(before, update) >= 0) {
          throw new IllegalArgumentException(
              "routing history of "
                  + update.entry().dataset()
                  + ": updates are out of order at decision "
                  + update.decisionSequence());
        }
      }
    }
  }

  /**
   * This history with {@code update}, then without what ended more than {@code retention} before
   * its newest update ({@link #retainedFrom}).
   */
  public RoutingHistory with(RoutingUpdate update, Duration retention) {
    Objects.requireNonNull(update.at(), "a routing update in a history needs its time");
    for (RoutingUpdate held : updates) {
      if (held.decisionSequence() == update.decisionSequence()) {
        return this;
      }
    }
    List<RoutingUpdate> all = new ArrayList<>(updates);
    all.add(update);
    all.sort(IN_EFFECT);
    RoutingHistory added = new RoutingHistory(all, complete);
    return added.retainedFrom(all.get(all.size() - 1).at().minus(retention));
  }

  /**
   * This history without the updates superseded at or before {@code horizon}: it keeps the one in
   * force at {@code horizon} and every later one, so the routing at any instant from {@code
   * horizon} on is still known.
   */
  public RoutingHistory retainedFrom(Instant horizon) {
    int inForce = inForceAt(horizon);
    if (inForce <= 0) {
      return this;
    }
    return new RoutingHistory(updates.subList(inForce, updates.size()), false);
  }

  /**
   * The index of the update in force at {@code instant}: the last one whose {@code at} is not after
   * it, or -1 when every update is later.
   */
  int inForceAt(Instant instant) {
    int low = 0;
    int high = updates.size() - 1;
    int found = -1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (updates.get(middle).at().isAfter(instant)) {
        high = middle - 1;
      } else {
        found = middle;
        low = middle + 1;
      }
    }
    return found;
  }
}
