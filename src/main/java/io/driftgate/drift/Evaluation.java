package io.driftgate.drift;

import java.time.Instant;
import java.util.List;

/**
 * All gates of one candidate against its baseline over one evaluation window (event time).
 *
 * @param candidateCount records of the candidate observed in the window
 * @param baselineCount records of the baseline observed in the window
 */
public record Evaluation(
    String dataset,
    String candidateVersion,
    String baselineVersion,
    Instant windowStart,
    Instant windowEnd,
    long candidateCount,
    long baselineCount,
    List<GateResult> results)
    implements java.io.Serializable {

  public Evaluation {
    results = List.copyOf(results);
  }

  /** The same evaluation with other gate results: outcome gates added, or left out. */
  public Evaluation withResults(List<GateResult> others) {
    return new Evaluation(
        dataset,
        candidateVersion,
        baselineVersion,
        windowStart,
        windowEnd,
        candidateCount,
        baselineCount,
        others);
  }

  public List<GateResult> breaches() {
    return results.stream().filter(GateResult::breached).toList();
  }

  public boolean hasCriticalBreach() {
    return results.stream().anyMatch(r -> r.breached() && r.critical());
  }
}
