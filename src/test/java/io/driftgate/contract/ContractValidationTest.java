package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Checks of the loader that the broken example files do not cover, on small inline contracts. */
class ContractValidationTest {

  private static final String ROLLOUT =
      "  rollout: { stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }\n";

  @Test
  void validValuesOnlyOnStringFields() {
    assertProblem(
        property("logicalType: integer\nquality: [ { rule: validValues, validValues: [1, 2] } ]"),
        "schema[0].properties[0].quality[0].rule",
        "validValues applies to string fields only, not integer");
  }

  @Test
  void validValuesMustNotBeEmpty() {
    assertProblem(
        property("logicalType: string\nquality: [ { rule: validValues, validValues: [] } ]"),
        "schema[0].properties[0].quality[0].validValues",
        "expected at least one value");
  }

  @Test
  void categoricalTestOnANumericField() {
    assertProblem(
        property("logicalType: number\nx-driftgate: { drift: { test: psi } }"),
        "schema[0].properties[0].x-driftgate.drift.test",
        "psi needs a string, boolean, date or timestamp field, but 'f' is number");
  }

  @Test
  void effectFloorRanges() {
    assertProblem(
        property("logicalType: number\nx-driftgate: { drift: { test: ks, effectFloor: 1.5 } }"),
        "schema[0].properties[0].x-driftgate.drift.effectFloor",
        "effectFloor 1.5 for ks must be in (0, 1]");
    assertProblem(
        property("logicalType: string\nx-driftgate: { drift: { test: psi, effectFloor: 0 } }"),
        "schema[0].properties[0].x-driftgate.drift.effectFloor",
        "effectFloor 0 for psi must be greater than 0");
  }

  @Test
  void unknownDriftTestListsTheAllowedOnes() {
    assertProblem(
        property("logicalType: number\nx-driftgate: { drift: { test: kolmogorov } }"),
        "schema[0].properties[0].x-driftgate.drift.test",
        "unknown value 'kolmogorov', expected one of: ks, chi2, psi, none");
  }

  @Test
  void missingLogicalType() {
    assertProblem(
        property("required: true"),
        "schema[0].properties[0]",
        "missing required key 'logicalType'");
  }

  @Test
  void wrongScalarType() {
    assertProblem(
        property("logicalType: string\nrequired: yes please"),
        "schema[0].properties[0].required",
        "expected a boolean, got string 'yes please'");
  }

  @Test
  void schemaHasExactlyOneObject() {
    String yaml =
        """
        name: demo
        version: 1.0.0
        schema:
          - properties: [ { name: a, logicalType: string } ]
          - properties: [ { name: b, logicalType: string } ]
        x-driftgate:
        """
            + ROLLOUT;
    assertProblem(yaml, "schema", "expected exactly one object, got 2");
  }

  @Test
  void unknownKeyInTheDatasetBlock() {
    assertProblem(
        contract("logicalType: string", "  closd: true\n" + ROLLOUT),
        "x-driftgate.closd",
        "unknown key 'closd', did you mean 'closed'?");
  }

  @Test
  void rolloutIsRequired() {
    assertProblem(
        contract("logicalType: string", "  closed: true\n"),
        "x-driftgate",
        "missing required key 'rollout'");
  }

  @Test
  void floatingVersionMustBeQuoted() {
    assertProblem(
        property("logicalType: string").replace("version: 1.0.0", "version: 1.10"),
        "version",
        "expected a string, got number 1.1; quote it to keep it as written");
  }

  @Test
  void exposureBelowOneBasisPoint() {
    assertProblem(
        contract(
            "logicalType: string",
            "  rollout: { stages: [ { exposure: 0, minDuration: PT0S, minSamples: 0 },"
                + " { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }\n"),
        "x-driftgate.rollout.stages[0].exposure",
        "exposure 0 must be in [0.01, 100] percent");
  }

  private static String property(String body) {
    return contract(body, ROLLOUT);
  }

  /** A one-field contract; {@code property} is YAML for field {@code f} after its name. */
  private static String contract(String property, String extension) {
    return "name: demo\nversion: 1.0.0\nschema:\n  - properties:\n      - name: f\n"
        + property.indent(8)
        + "x-driftgate:\n"
        + extension;
  }

  private static void assertProblem(String yaml, String path, String problem) {
    ContractException e =
        catchThrowableOfType(ContractException.class, () -> ContractLoader.load(yaml, "t.yaml"));

    assertThat(e).as(yaml).isNotNull();
    assertThat(e.problems()).as(yaml).containsExactly(new ContractProblem(path, problem));
  }
}
