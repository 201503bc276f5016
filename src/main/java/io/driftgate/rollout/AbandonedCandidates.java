package io.driftgate.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * The candidate versions of a dataset that were aborted or rolled back, so that they are never
 * started again.
 *
 * <p>The memory is bounded to the {@value #CAPACITY} most recent ones to keep the keyed state
 * small: a candidate that failed longer ago than that could be started again. Versions are expected
 * to be fresh per build, so reaching the limit means a dataset keeps failing anyway.
 *
 * @param versions oldest first
 */
public record AbandonedCandidates(List<String> versions) implements java.io.Serializable {

  public static final int CAPACITY = 32;

  public static final AbandonedCandidates NONE = new AbandonedCandidates(List.of());

  public AbandonedCandidates {
    versions = List.copyOf(versions);
  }

  public boolean contains(String version) {
    return versions.contains(version);
  }

  /** These candidates and {@code version}, forgetting the oldest beyond the capacity. */
  public AbandonedCandidates plus(String version) {
    List<String> next = new ArrayList<>(versions);
    next.remove(version);
    next.add(version);
    return new AbandonedCandidates(next.subList(Math.max(0, next.size() - CAPACITY), next.size()));
  }
}
