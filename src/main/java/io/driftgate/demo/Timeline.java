package io.driftgate.demo;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.EvidenceText;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.StageNumber;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The demo's human-readable rendering of decisions: one line each, evidence underneath. */
public final class Timeline {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private Timeline() {}

  public static String line(Decision d) {
    StringBuilder line =
        new StringBuilder()
            .append(CLOCK.format(d.at()))
            .append("  ")
            .append(String.format(Locale.ROOT, "%-3s", d.candidateVersion()))
            .append(String.format(Locale.ROOT, " %-17s", d.kind()))
            .append(
                String.format(Locale.ROOT, " exposure %6.2f%%", d.exposureBasisPoints() / 100.0));
    if (d.stageIndex() >= 0 && !d.toPhase().terminal()) {
      line.append("  stage ").append(StageNumber.of(d.stageIndex()));
    }
    line.append("  ").append(d.reason()).append(": ").append(d.message());
    if (!d.actor().equals(Decision.AUTOMATIC)) {
      line.append("  (by ").append(d.actor()).append(')');
    }
    if (showsEvidence(d)) {
      for (GateResult result : d.evidence()) {
        if (result.verdict() == Verdict.BREACH) {
          line.append(System.lineSeparator()).append("         ").append(evidence(result));
        }
      }
    }
    return line.toString();
  }

  private static boolean showsEvidence(Decision d) {
    return d.kind() == DecisionKind.ROLLED_BACK || d.kind() == DecisionKind.HELD;
  }

  /** A breach's evidence, through {@link EvidenceText} for the parts a gate may not have. */
  static String evidence(GateResult result) {
    Evidence e = result.evidence();
    return String.format(
        Locale.ROOT,
        "evidence %-20s %-12s statistic %.4f vs threshold %.4f%s%s, %s, window %s-%s",
        result.gate(),
        e.method(),
        e.statistic(),
        e.threshold(),
        EvidenceText.margin(e.margin()),
        Double.isNaN(e.pValue()) ? "" : String.format(Locale.ROOT, ", p %.2e", e.pValue()),
        EvidenceText.samples(e.candidateCount(), e.baselineCount()),
        CLOCK.format(e.windowStart()),
        CLOCK.format(e.windowEnd()));
  }
}
