package io.driftgate.contract;

import static io.driftgate.contract.ExtensionSnippets.assertProblem;
import static io.driftgate.contract.ExtensionSnippets.load;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code x-driftgate.preflight}: the sample a streamed candidate shows before stage 1. */
class PreflightContractTest {

  @Test
  void readsTheSampleAndDefaultsToNone() {
    assertThat(load("preflight: { minSamples: 5000 }").preflightSamples()).isEqualTo(5000);
    assertThat(load("closed: false").preflightSamples()).isZero();
  }

  @Test
  void aSampleBelowOneOrAnUnknownKeyIsAProblem() {
    assertProblem(
        "preflight: { minSamples: 0 }",
        "x-driftgate.preflight.minSamples",
        "minSamples 0 must be at least 1; leave preflight out for none");
    assertProblem(
        "preflight: { minSamples: 10, mode: strict }",
        "x-driftgate.preflight.mode",
        "unknown key 'mode', expected one of: minSamples");
    assertProblem("preflight: { }", "x-driftgate.preflight", "missing required key 'minSamples'");
  }
}
