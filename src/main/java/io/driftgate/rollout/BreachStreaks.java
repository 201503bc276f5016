package io.driftgate.rollout;

import io.driftgate.drift.GateResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per gate, how many evaluations in a row it has breached in the current stage.
 *
 * <p>A pass resets a gate's streak, so a flapping gate never accumulates a rollback; "no data"
 * leaves it unchanged, because a quiet window neither confirms nor clears a breach.
 *
 * @param counts gate name to its current streak; gates with no streak are absent
 */
public record BreachStreaks(Map<String, Integer> counts) implements java.io.Serializable {

  public static final BreachStreaks NONE = new BreachStreaks(Map.of());

  public BreachStreaks {
    counts = Map.copyOf(counts);
  }

  /** The streaks after one more evaluation with these results. */
  public BreachStreaks after(List<GateResult> results) {
    Map<String, Integer> next = new TreeMap<>(counts);
    for (GateResult result : results) {
      switch (result.verdict()) {
        case BREACH -> next.merge(result.gate(), 1, Integer::sum);
        case PASS -> next.remove(result.gate());
        case NO_DATA, INCONCLUSIVE -> {}
      }
    }
    return new BreachStreaks(next);
  }

  public int of(String gate) {
    return counts.getOrDefault(gate, 0);
  }
}
