package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A one-field contract with one extra {@code x-driftgate} block, for the tests of one key: the
 * block loads, or fails with exactly the problem named.
 */
final class ExtensionSnippets {

  private ExtensionSnippets() {}

  static DataContract load(String extension) {
    return ContractLoader.load(contract(extension), "t.yaml");
  }

  static void assertProblem(String extension, String path, String problem) {
    ContractException e = catchThrowableOfType(ContractException.class, () -> load(extension));

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
