package io.driftgate.contract;

import static io.driftgate.contract.ExtensionSnippets.assertProblem;
import static io.driftgate.contract.ExtensionSnippets.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.drift.AlphaBudget;
import org.junit.jupiter.api.Test;

/** {@code x-driftgate.outcomes}: one gate per downstream metric. */
class OutcomeGateContractTest {

  @Test
  void readsEachMetricsGateWithItsDefaults() {
    DataContract contract =
        load(
            "outcomes:\n"
                + "    model_score: { test: mean, harm: decrease, relativeEffectFloor: 0.02,"
                + " critical: true, minSamples: 500 }\n"
                + "    join_miss: { test: rate, harm: increase }\n"
                + "    latency_ms: { test: ks, harm: increase, effectFloor: 0.05, minSamples: 300 }");

    assertThat(contract.outcomes())
        .containsExactly(
            new OutcomeGate("model_score", OutcomeTest.MEAN, Harm.DECREASE, 0.02, true, true, 500),
            new OutcomeGate("join_miss", OutcomeTest.RATE, Harm.INCREASE, 0.0, false, false, 1000),
            new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.INCREASE, 0.05, false, false, 300));
    assertThat(AlphaBudget.gateCount(contract))
        .as("one budget: the outcome gates share it with the data gates")
        .isEqualTo(AlphaBudget.gateCount(contract.withOutcomes(java.util.List.of())) + 3);
  }

  @Test
  void problemsAreNamedWhereTheyAre() {
    assertProblem(
        "outcomes: { score: { test: median, harm: decrease } }",
        "x-driftgate.outcomes.score.test",
        "unknown value 'median', expected one of: mean, rate, ks");
    assertProblem(
        "outcomes: { latency: { test: ks, harm: increase, relativeEffectFloor: 0.1 } }",
        "x-driftgate.outcomes.latency.relativeEffectFloor",
        "a ks gate's floor is a distance between distribution functions: give effectFloor, from 0"
            + " to 1");
    assertProblem(
        "outcomes: { latency: { test: ks, harm: increase, effectFloor: 3 } }",
        "x-driftgate.outcomes.latency.effectFloor",
        "a ks gate's effectFloor is a distance between distribution functions, from 0 to 1, got 3");
    assertProblem(
        "outcomes: { score: { test: mean, harm: decrease, effectFloor: 1, relativeEffectFloor:"
            + " 0.1 } }",
        "x-driftgate.outcomes.score.relativeEffectFloor",
        "give effectFloor or relativeEffectFloor, not both");
    assertProblem(
        "outcomes: { score: { test: mean, harm: down } }",
        "x-driftgate.outcomes.score.harm",
        "unknown value 'down', expected one of: increase, decrease, any");
    assertProblem(
        "outcomes: { score: { test: mean, harm: any, minSamples: 1 } }",
        "x-driftgate.outcomes.score.minSamples",
        "minSamples 1 must be at least 2 per cohort");
  }

  @Test
  void aContractNamesOnlyMetricsThatOutcomeRecordsCanCarry() {
    assertProblem(
        "outcomes: { 9score: { test: mean, harm: decrease } }",
        "x-driftgate.outcomes.9score",
        "metric '9score' is not a letter followed by ASCII letters, digits, '_', '.' or '-'");
    String longest = "m".repeat(OutcomeGate.MAX_METRIC_LENGTH);
    assertThat(load("outcomes: { " + longest + ": { test: mean, harm: any } }").outcomes())
        .extracting(OutcomeGate::metric)
        .containsExactly(longest);
    assertProblem(
        "outcomes: { " + longest + "x: { test: mean, harm: any } }",
        "x-driftgate.outcomes." + longest + "x",
        "metric is 129 characters long, more than 128");
  }
}
