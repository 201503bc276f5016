package io.driftgate.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the latest commands a dataset's gate answered (applied, refused or kept), so that a
 * command delivered or sent again with the same id is dropped instead of being answered twice: a
 * retried pause must not come back as {@code ALREADY_PAUSED}.
 *
 * <p>Bounded to the {@value #CAPACITY} most recent ids to keep the keyed state small (about 3 KB
 * for UUIDs). A rollout takes a handful of commands — a start, one approval per gated stage, a
 * pause and a resume, an abort — so this covers the current rollout and several before it, while a
 * retry comes within minutes of its original: an id older than that many commands of one dataset is
 * not a retry.
 *
 * @param ids oldest first
 */
record RecentCommandIds(List<String> ids) implements java.io.Serializable {

  static final int CAPACITY = 64;

  static final RecentCommandIds NONE = new RecentCommandIds(List.of());

  RecentCommandIds {
    ids = List.copyOf(ids);
  }

  boolean contains(String commandId) {
    return ids.contains(commandId);
  }

  /** These ids and {@code commandId}, forgetting the oldest beyond the capacity. */
  RecentCommandIds plus(String commandId) {
    List<String> next = new ArrayList<>(ids);
    next.add(commandId);
    return new RecentCommandIds(next.subList(Math.max(0, next.size() - CAPACITY), next.size()));
  }
}
