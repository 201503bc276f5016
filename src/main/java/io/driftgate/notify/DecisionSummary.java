package io.driftgate.notify;

import io.driftgate.drift.EvidenceText;
import io.driftgate.drift.GateResult;
import io.driftgate.rollout.Decision;
import io.driftgate.store.DecisiveEvidence;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The sentences both payloads share: what happened in one line, and why — the reason, and the gate
 * result that decided (the first critical breach, else the first breach, as the audit log picks
 * it).
 */
public final class DecisionSummary {

  private DecisionSummary() {}

  /** E.g. {@code features.customer_profile v3: ROLLED_BACK (PERSISTENT_BREACH) at stage 2, 5%}. */
  public static String headline(Decision d) {
    StringBuilder line = new StringBuilder(d.dataset());
    if (d.candidateVersion() != null) {
      line.append(' ').append(d.candidateVersion());
    }
    line.append(": ").append(d.kind().name()).append(" (").append(d.reason().name()).append(')');
    if (d.stageIndex() >= 0) {
      line.append(" at stage ").append(d.stageIndex() + 1);
    }
    return line.append(", exposure ").append(percent(d.exposureBasisPoints())).toString();
  }

  /** The gate result that decided, if any. */
  public static Optional<GateResult> decisive(Decision d) {
    return DecisiveEvidence.of(d.evidence());
  }

  /** The decisive gate result in words, e.g. {@code drift:x BREACH (ks-exact 0.3 vs ...)}. */
  public static Optional<String> decisiveText(Decision d) {
    return decisive(d).map(r -> r.gate() + " " + r.verdict().name() + " " + EvidenceText.of(r));
  }

  /** Basis points as a percentage without needless digits: {@code 500} is {@code 5%}. */
  static String percent(int basisPoints) {
    return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
  }
}
