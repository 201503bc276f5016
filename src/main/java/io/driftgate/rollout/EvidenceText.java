package io.driftgate.rollout;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Renders a gate's evidence for decision messages, e.g. {@code (ks-exact 0.081 vs threshold 0.03,
 * p=0.0004, n=20000/20000)}, with three significant digits so that messages stay short and do not
 * depend on the platform's locale.
 */
final class EvidenceText {

  private static final MathContext DIGITS = new MathContext(3);

  private EvidenceText() {}

  static String of(GateResult result) {
    Evidence e = result.evidence();
    if (e == null) {
      return "(no evidence)";
    }
    return "("
        + e.method()
        + ' '
        + number(e.statistic())
        + " vs threshold "
        + number(e.threshold())
        + ", p="
        + number(e.pValue())
        + ", n="
        + e.candidateCount()
        + '/'
        + e.baselineCount()
        + ')';
  }

  private static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(DIGITS).stripTrailingZeros();
    // Tiny p-values in plain notation would run to hundreds of zeros.
    return value != 0 && Math.abs(value) < 1e-4 ? rounded.toString() : rounded.toPlainString();
  }
}
