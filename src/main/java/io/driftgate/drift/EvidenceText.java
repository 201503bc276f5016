package io.driftgate.drift;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Renders a gate's evidence for people, e.g. {@code (ks-exact 0.081 vs threshold 0.03, p=0.0004,
 * n=20000/20000)}: decision messages, the demo's timeline and the CLI's {@code status} all read it
 * through here, so that none of them shows a comparison that was not made. A gate without data says
 * which side is missing instead of comparing a NaN statistic; a one-sample gate (a rate against its
 * bound, with no baseline side) shows its one sample size rather than "n vs 0"; a band that was not
 * computed (NaN margin, as for the e-process gates) is left out rather than printed as "±NaN".
 * Numbers have three significant digits, so that messages stay short and do not depend on the
 * platform's locale.
 */
public final class EvidenceText {

  private static final MathContext DIGITS = new MathContext(3);

  private EvidenceText() {}

  /** The compact form decision messages carry, in parentheses. */
  public static String of(GateResult result) {
    Evidence e = result.evidence();
    if (e == null) {
      return "(no evidence)";
    }
    if (result.verdict() == Verdict.NO_DATA) {
      return "(" + missing(e.candidateCount(), e.baselineCount()) + ')';
    }
    String samples =
        e.baselineCount() == 0
            ? String.valueOf(e.candidateCount())
            : e.candidateCount() + "/" + e.baselineCount();
    String p = Double.isNaN(e.pValue()) ? "" : ", p=" + number(e.pValue());
    if (e.hasMeans()) {
      return String.format(
          "(%s: exposed mean %s (n=%d) vs control %s (n=%d), difference %s%s vs floor %s%s)",
          e.method(),
          number(e.candidateMean()),
          e.candidateCount(),
          number(e.baselineMean()),
          e.baselineCount(),
          number(e.statistic()),
          margin(e.margin()),
          number(e.threshold()),
          p);
    }
    return "("
        + e.method()
        + ' '
        + number(e.statistic())
        + " vs threshold "
        + number(e.threshold())
        + p
        + ", n="
        + samples
        + ')';
  }

  /**
   * The sample sizes of a judged gate, e.g. {@code "n 20000 vs 19000"}; {@code "n 20000"} for a
   * one-sample gate, whose baseline count is 0 by construction (a two-sample gate with an empty
   * side has no data, and is never judged).
   */
  public static String samples(long candidateCount, long baselineCount) {
    return baselineCount == 0
        ? "n " + candidateCount
        : "n " + candidateCount + " vs " + baselineCount;
  }

  /**
   * What a gate without data lacks, e.g. {@code "no baseline records yet"}: a side with no records
   * is no comparison.
   */
  public static String missing(long candidateCount, long baselineCount) {
    if (candidateCount == 0 && baselineCount == 0) {
      return "no records yet";
    }
    if (candidateCount == 0) {
      return "no candidate records yet";
    }
    return baselineCount == 0 ? "no baseline records yet" : "too few records to judge";
  }

  /** {@code " (±0.01)"} around a statistic, or nothing when the gate has no band (NaN). */
  public static String margin(double margin) {
    return Double.isFinite(margin) ? " (±" + number(margin) + ')' : "";
  }

  /** Three significant digits, plain unless tiny; {@code "-"} for a value not computed (NaN). */
  public static String number(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(DIGITS).stripTrailingZeros();
    // Tiny p-values in plain notation would run to hundreds of zeros.
    return value != 0 && Math.abs(value) < 1e-4 ? rounded.toString() : rounded.toPlainString();
  }
}
