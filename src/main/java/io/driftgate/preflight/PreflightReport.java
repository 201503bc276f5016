package io.driftgate.preflight;

import io.driftgate.rollout.Preflight;
import io.driftgate.rollout.PreflightVerdict;
import java.util.List;

/**
 * A preflight as its runner sees it: what the start will carry, what the gate will most likely
 * answer (the gate judges again, with its own contract and reference profile), and the first rows
 * that could not be read.
 *
 * @param verdict the answer of a gate without a reference profile
 */
public record PreflightReport(
    String dataset,
    String candidateVersion,
    String baselineVersion,
    Preflight preflight,
    PreflightVerdict verdict,
    List<String> unreadableSamples) {

  public PreflightReport {
    unreadableSamples = List.copyOf(unreadableSamples);
  }

  public boolean passed() {
    return verdict instanceof PreflightVerdict.Pass;
  }
}
