package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each broken file is rejected with the path and the problem an author needs to fix it. */
class BrokenContractsTest {

  @Test
  void yamlSyntaxErrorNamesLineAndColumn() {
    ContractException e = reject("syntax-error.yaml");

    assertThat(e.problems())
        .containsExactly(
            new ContractProblem(
                "",
                "invalid YAML at line 8, column 1: expected ',' or ']', but got <scalar> (while"
                    + " parsing a flow sequence started at line 7, column 17)"));
  }

  @Test
  void duplicateKeyIsASyntaxError() {
    ContractException e = reject("duplicate-key.yaml");

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problem())
        .startsWith("invalid YAML at line 12, column ")
        .endsWith("Duplicate field 'x-driftgate'");
  }

  @Test
  void missingName() {
    assertOnlyProblem("missing-name.yaml", "", "missing required key 'name'");
  }

  @Test
  void unknownLogicalTypeListsTheAllowedOnes() {
    assertOnlyProblem(
        "bad-logical-type.yaml",
        "schema[0].properties[1].logicalType",
        "unknown value 'strnig', expected one of: string, integer, number, boolean, date,"
            + " timestamp");
  }

  @Test
  void minimumGreaterThanMaximum() {
    assertOnlyProblem(
        "min-greater-than-max.yaml",
        "schema[0].properties[2].logicalTypeOptions.minimum",
        "minimum 10 is greater than maximum 5");
  }

  @Test
  void typoInExtensionKey() {
    assertOnlyProblem(
        "typo-in-extension-key.yaml",
        "schema[0].properties[0].x-driftgate.drift.efectFloor",
        "unknown key 'efectFloor', did you mean 'effectFloor'?");
  }

  @Test
  void stagesNotIncreasing() {
    assertOnlyProblem(
        "stages-not-increasing.yaml",
        "x-driftgate.rollout.stages[2].exposure",
        "exposure 5 must be greater than the previous stage's 25");
  }

  @Test
  void stagesNotEndingAtFullExposure() {
    assertOnlyProblem(
        "stages-not-ending-at-100.yaml",
        "x-driftgate.rollout.stages[1].exposure",
        "the last stage must have exposure 100, got 50");
  }

  @Test
  void ksOnAStringField() {
    assertOnlyProblem(
        "ks-on-string.yaml",
        "schema[0].properties[0].x-driftgate.drift.test",
        "ks needs an integer or number field, but 'segment' is string");
  }

  @Test
  void staleRateWithoutFreshness() {
    assertOnlyProblem(
        "stale-rate-without-freshness.yaml",
        "x-driftgate.gates.staleRate",
        "needs x-driftgate.freshness to say when a record is stale");
  }

  @Test
  void badDuration() {
    assertOnlyProblem(
        "bad-duration.yaml",
        "x-driftgate.freshness.maxLag",
        "invalid ISO-8601 duration '15 minutes', expected e.g. PT15M or PT1H30M");
  }

  @Test
  void rateAboveOne() {
    assertOnlyProblem(
        "rate-above-one.yaml",
        "schema[0].properties[0].x-driftgate.gates.nullRate.max",
        "max 1.5 must be a rate in [0, 1]");
  }

  @Test
  void wrongNodeType() {
    assertOnlyProblem(
        "wrong-node-type.yaml",
        "schema[0].properties[0].logicalTypeOptions.minimum",
        "expected a number, got string 'abc'");
  }

  @Test
  void reportsEveryProblemOfAFileInOneMessage() {
    ContractException e = reject("many-problems.yaml");
    String source = Contracts.broken("many-problems.yaml").toString();

    assertThat(e.getMessage())
        .isEqualTo(
            String.join(
                "\n",
                source
                    + ": schema[0].properties[1].x-driftgate.drift.test: chi2 needs a string,"
                    + " boolean, date or timestamp field, but 'age' is integer",
                source
                    + ": schema[0].properties[2].logicalTypeOptions.maximum: minimum and maximum"
                    + " apply to integer and number fields only, not string",
                source + ": schema[0].properties[2].quality[0].validValues[2]: duplicate value 'a'",
                source
                    + ": schema[0].properties[2].name: duplicate property name 'age', first at"
                    + " schema[0].properties[1]",
                source
                    + ": x-driftgate.falseRollbackRate: falseRollbackRate 0.7 must be in (0, 0.5]",
                source
                    + ": x-driftgate.gates.duplicateRate: needs at least one property with unique:"
                    + " true",
                source
                    + ": x-driftgate.rollout.rollbackWindow: rollbackWindow 0 must be at least 1",
                source
                    + ": x-driftgate.rollout.stages[0].exposure: exposure 0.005 has more than 2"
                    + " decimals; the finest step is 0.01 percent (one basis point)",
                source
                    + ": x-driftgate.rollout.stages[1].minDuration: duration -PT1M must not be"
                    + " negative"));
  }

  private static void assertOnlyProblem(String file, String path, String problem) {
    ContractException e = reject(file);

    assertThat(e.problems()).containsExactly(new ContractProblem(path, problem));
    assertThat(e.path()).isEqualTo(path);
    assertThat(e.problem()).isEqualTo(problem);
    String where = path.isEmpty() ? "" : path + ": ";
    assertThat(e.getMessage()).isEqualTo(e.source() + ": " + where + problem);
  }

  private static ContractException reject(String file) {
    Path path = Contracts.broken(file);
    ContractException e =
        catchThrowableOfType(ContractException.class, () -> ContractLoader.load(path));
    assertThat(e).as("%s must be rejected", file).isNotNull();
    assertThat(e.source()).isEqualTo(path.toString());
    return e;
  }
}
