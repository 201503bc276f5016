package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * The {@code drift} key of rate gates: what it sets, what a contract gets without it, and typos.
 */
class RateDriftGatesTest {

  private static final String ROLLOUT =
      "  rollout: { stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }\n";

  @Test
  void withoutGatesEveryNullRateAndTheViolatingShareAreComparedAtTwoPoints() {
    DataContract contract = load(contract("logicalType: string", ROLLOUT));

    FieldSpec field = contract.fields().get(0);
    assertThat(field.gates()).isEmpty();
    assertThat(field.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.NULL_RATE, "f", 0.02, false));
    assertThat(field.rateDrifts().get(0).name()).isEqualTo("null_rate_drift:f");
    assertThat(contract.gates()).isEmpty();
    assertThat(contract.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.VIOLATION_RATE, null, 0.02, false));
    assertThat(contract.rateDrifts().get(0).name()).isEqualTo("violation_rate_drift");
  }

  @Test
  void aMaximumKeepsTheDefaultComparisonWhichSharesItsCriticality() {
    DataContract contract =
        load(
            contract(
                "logicalType: string\n"
                    + "x-driftgate: { gates: { nullRate: { max: 0.05, critical: true } } }",
                "  gates: { violationRate: { max: 0.1 } }\n" + ROLLOUT));

    FieldSpec field = contract.fields().get(0);
    assertThat(field.gates())
        .containsExactly(new QualityGate(QualityMetric.NULL_RATE, "f", 0.05, true));
    assertThat(field.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.NULL_RATE, "f", 0.02, true));
    assertThat(contract.gates())
        .containsExactly(new QualityGate(QualityMetric.VIOLATION_RATE, null, 0.1, false));
    assertThat(contract.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.VIOLATION_RATE, null, 0.02, false));
  }

  @Test
  void driftSetsAFloorSwitchesOnAtTheDefaultOrSwitchesOff() {
    DataContract contract =
        load(
            contract(
                "logicalType: string\n"
                    + "x-driftgate:\n"
                    + "  gates:\n"
                    + "    nullRate: { drift: 0.05 }\n"
                    + "    violationRate: { max: 0.01, drift: true, critical: true }",
                "  freshness: { maxLag: PT15M }\n"
                    + "  gates:\n"
                    + "    violationRate: { max: 0.02, drift: false }\n"
                    + "    staleRate: { drift: 0 }\n"
                    + ROLLOUT));

    FieldSpec field = contract.fields().get(0);
    assertThat(field.gates())
        .containsExactly(new QualityGate(QualityMetric.VIOLATION_RATE, "f", 0.01, true));
    assertThat(field.rateDrifts())
        .containsExactly(
            new RateDriftGate(QualityMetric.NULL_RATE, "f", 0.05, false),
            new RateDriftGate(QualityMetric.VIOLATION_RATE, "f", 0.02, true));
    assertThat(field.rateDrifts())
        .extracting(RateDriftGate::name)
        .containsExactly("null_rate_drift:f", "violation_rate_drift:f");
    assertThat(contract.gates())
        .containsExactly(new QualityGate(QualityMetric.VIOLATION_RATE, null, 0.02, false));
    assertThat(contract.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.STALE_RATE, null, 0.0, false))
        .extracting(RateDriftGate::name)
        .containsExactly("stale_rate_drift");
  }

  @Test
  void nullRateComparisonSwitchedOff() {
    DataContract contract =
        load(
            contract(
                "logicalType: string\nx-driftgate: { gates: { nullRate: { drift: false } } }",
                ROLLOUT));

    assertThat(contract.fields().get(0).gates()).isEmpty();
    assertThat(contract.fields().get(0).rateDrifts()).isEmpty();
  }

  @Test
  void floorOutsideZeroToOne() {
    assertProblem(
        contract(
            "logicalType: string\nx-driftgate: { gates: { nullRate: { drift: 1 } } }", ROLLOUT),
        "schema[0].properties[0].x-driftgate.gates.nullRate.drift",
        "drift 1 must be a floor in [0, 1): the increase tolerated, in percentage points as a"
            + " fraction");
    assertProblem(
        contract("logicalType: string", "  gates: { violationRate: { drift: -0.02 } }\n" + ROLLOUT),
        "x-driftgate.gates.violationRate.drift",
        "drift -0.02 must be a floor in [0, 1): the increase tolerated, in percentage points as a"
            + " fraction");
  }

  @Test
  void floorOfTheWrongType() {
    assertProblem(
        contract(
            "logicalType: string\nx-driftgate: { gates: { nullRate: { drift: 2pp } } }", ROLLOUT),
        "schema[0].properties[0].x-driftgate.gates.nullRate.drift",
        "expected a number, true or false, got string '2pp'");
  }

  @Test
  void aBlockMustSayWhatItTests() {
    assertProblem(
        contract(
            "logicalType: string\nx-driftgate: { gates: { nullRate: { critical: true } } }",
            ROLLOUT),
        "schema[0].properties[0].x-driftgate.gates.nullRate",
        "expected max, drift or both");
  }

  @Test
  void duplicatesAreNotComparedWithTheBaseline() {
    assertProblem(
        contract(
            "logicalType: string\nunique: true",
            "  gates: { duplicateRate: { max: 0.01, drift: 0.02 } }\n" + ROLLOUT),
        "x-driftgate.gates.duplicateRate.drift",
        "unknown key 'drift', expected one of: max, critical");
  }

  @Test
  void staleRateComparisonNeedsFreshness() {
    assertProblem(
        contract("logicalType: string", "  gates: { staleRate: { drift: 0.02 } }\n" + ROLLOUT),
        "x-driftgate.gates.staleRate",
        "needs x-driftgate.freshness to say when a record is stale");
  }

  /** A one-field contract; {@code property} is YAML for field {@code f} after its name. */
  private static String contract(String property, String extension) {
    return "name: demo\nversion: 1.0.0\nschema:\n  - properties:\n      - name: f\n"
        + property.indent(8)
        + "x-driftgate:\n"
        + extension;
  }

  private static DataContract load(String yaml) {
    return ContractLoader.load(yaml, "t.yaml");
  }

  private static void assertProblem(String yaml, String path, String problem) {
    ContractException e =
        catchThrowableOfType(ContractException.class, () -> ContractLoader.load(yaml, "t.yaml"));

    assertThat(e).as(yaml).isNotNull();
    assertThat(e.problems()).as(yaml).containsExactly(new ContractProblem(path, problem));
  }
}
