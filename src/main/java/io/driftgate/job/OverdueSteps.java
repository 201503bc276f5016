package io.driftgate.job;

import io.driftgate.job.RolloutController.PendingInputs;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The queued steps a passed command deadline forces ahead of the watermark. A command is never
 * applied before an input the queue holds for an earlier event time: forcing it forces every step
 * before it too, in event-time order, so what the controller has read is still applied in the order
 * a replay applies it.
 */
final class OverdueSteps {

  private OverdueSteps() {}

  /**
   * Every queued step up to and including the latest one that holds a command whose deadline is at
   * or before {@code now}, by due time; empty when no deadline has passed.
   */
  static NavigableMap<Long, PendingInputs> at(
      Iterable<Map.Entry<Long, PendingInputs>> queue, long now) {
    TreeMap<Long, PendingInputs> byDue = new TreeMap<>();
    Long latestOverdue = null;
    for (Map.Entry<Long, PendingInputs> step : queue) {
      byDue.put(step.getKey(), step.getValue());
      if (step.getValue().overdueAt(now)
          && (latestOverdue == null || step.getKey() > latestOverdue)) {
        latestOverdue = step.getKey();
      }
    }
    return latestOverdue == null
        ? Collections.emptyNavigableMap()
        : byDue.headMap(latestOverdue, true);
  }
}
