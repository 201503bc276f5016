package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Evidence as people read it: no NaN, and no side without records shown as a comparison. */
class EvidenceTextTest {

  private static final Instant END = Instant.parse("2026-03-02T09:10:00Z");

  @Test
  void aTwoSampleBreachComparesBothSides() {
    GateResult ks = result(Verdict.BREACH, "ks-exact", 0.081, 0.01, 0.0004, 20_000, 19_000);

    assertThat(EvidenceText.of(ks))
        .isEqualTo("(ks-exact 0.081 vs threshold 0.03, p=0.0004, n=20000/19000)");
    assertThat(EvidenceText.samples(20_000, 19_000)).isEqualTo("n 20000 vs 19000");
    assertThat(EvidenceText.margin(0.01)).isEqualTo(" (±0.01)");
  }

  @Test
  void aGateWithoutDataSaysWhichSideIsMissingInsteadOfComparing() {
    GateResult noBaseline = result(Verdict.NO_DATA, "none", Double.NaN, Double.NaN, 1, 300, 0);
    GateResult noCandidate = result(Verdict.NO_DATA, "none", Double.NaN, Double.NaN, 1, 0, 300);
    GateResult nothing = result(Verdict.NO_DATA, "none", Double.NaN, Double.NaN, 1, 0, 0);

    assertThat(EvidenceText.of(noBaseline)).isEqualTo("(no baseline records yet)");
    assertThat(EvidenceText.of(noCandidate)).isEqualTo("(no candidate records yet)");
    assertThat(EvidenceText.of(nothing)).isEqualTo("(no records yet)");
    assertThat(EvidenceText.of(noBaseline) + EvidenceText.of(nothing))
        .doesNotContain("NaN")
        .doesNotContain("/0")
        .doesNotContain("n=0");
  }

  @Test
  void aOneSampleGateShowsItsOneSampleAndNoBand() {
    GateResult rate = result(Verdict.BREACH, "rate-e-process", 0.08, Double.NaN, 0.0002, 5_000, 0);

    assertThat(EvidenceText.of(rate))
        .isEqualTo("(rate-e-process 0.08 vs threshold 0.03, p=0.0002, n=5000)");
    assertThat(EvidenceText.samples(5_000, 0)).isEqualTo("n 5000");
    assertThat(EvidenceText.margin(Double.NaN)).isEmpty();
  }

  @Test
  void aPValueThatWasNotComputedIsLeftOut() {
    GateResult duplicates =
        result(Verdict.BREACH, "hll-bound:id", 0.02, 0.001, Double.NaN, 5_000, 0);

    assertThat(EvidenceText.of(duplicates))
        .isEqualTo("(hll-bound:id 0.02 vs threshold 0.03, n=5000)");
  }

  private static GateResult result(
      Verdict verdict,
      String method,
      double statistic,
      double margin,
      double pValue,
      long candidate,
      long baseline) {
    Evidence evidence =
        new Evidence(
            method,
            statistic,
            0.03,
            margin,
            pValue,
            Double.NaN,
            0,
            0.01,
            candidate,
            baseline,
            END.minusSeconds(600),
            END);
    return new GateResult("g", "f", verdict, false, evidence);
  }
}
