package io.driftgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's evidence lines: a band or p-value the gate has not is left out, not printed NaN. */
class TimelineTest {

  private static final Instant END = Instant.parse("2026-03-02T09:10:00Z");

  @Test
  void anEProcessGateHasNoBandToShow() {
    String line =
        Timeline.evidence(breach("rate-drift-e-process", Double.NaN, 0.0003, 49_999, 50_000));

    assertThat(line)
        .isEqualTo(
            "evidence null_rate_drift:x    rate-drift-e-process statistic 0.0810 vs threshold"
                + " 0.0300, p 3.00e-04, n 49999 vs 50000, window 09:00-09:10")
        .doesNotContain("NaN");
  }

  @Test
  void aBandedGateShowsItsBandAndAOneSampleGateItsOneSample() {
    assertThat(Timeline.evidence(breach("ks-exact", 0.01, 0.0004, 20_000, 19_000)))
        .contains("statistic 0.0810 vs threshold 0.0300 (±0.01), p 4.00e-04, n 20000 vs 19000,");
    assertThat(Timeline.evidence(breach("rate-e-process", Double.NaN, 0.0004, 20_000, 0)))
        .contains(", n 20000, window")
        .doesNotContain("vs 0");
  }

  private static GateResult breach(
      String method, double margin, double pValue, long candidate, long baseline) {
    Evidence evidence =
        new Evidence(
            method,
            0.081,
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
    return new GateResult("null_rate_drift:x", "x", Verdict.BREACH, false, evidence);
  }
}
