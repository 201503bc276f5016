package io.driftgate.store;

import io.driftgate.drift.GateResult;
import java.util.List;
import java.util.Optional;

/**
 * Picks the gate result that explains a decision in one line of the audit log: the first critical
 * breach, which rolls back on its own, else the first breach. A decision without a breach has no
 * decisive evidence; its full evidence is still in the JSON column.
 */
public final class DecisiveEvidence {

  private DecisiveEvidence() {}

  public static Optional<GateResult> of(List<GateResult> evidence) {
    return evidence.stream()
        .filter(r -> r.breached() && r.critical())
        .findFirst()
        .or(() -> evidence.stream().filter(GateResult::breached).findFirst());
  }
}
