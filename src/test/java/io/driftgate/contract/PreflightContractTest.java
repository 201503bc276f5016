package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

  private static DataContract load(String extension) {
    return ContractLoader.load(contract(extension), "t.yaml");
  }

  private static void assertProblem(String extension, String path, String problem) {
    ContractException e =
        catchThrowableOfType(
            ContractException.class, () -> ContractLoader.load(contract(extension), "t.yaml"));

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactly(new ContractProblem(path, problem));
  }

  private static String contract(String extension) {
    return "name: demo\nversion: 1.0.0\nschema:\n  - properties:\n"
        + "      - { name: f, logicalType: string }\n"
        + "x-driftgate:\n  "
        + extension
        + "\n  rollout: { stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }\n";
  }
}
