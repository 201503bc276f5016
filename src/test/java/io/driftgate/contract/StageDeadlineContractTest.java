package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage's {@code maxDuration} and the plan's {@code onDeadline}: defaults and rejections. */
class StageDeadlineContractTest {

  @Test
  void readsMaxDurationPerStageAndTheActionOfThePlan() {
    RolloutPlan plan =
        load(
            "onDeadline: rollback, stages: [ { exposure: 10, minDuration: PT10M, minSamples: 1,"
                + " maxDuration: PT2H }, { exposure: 100, minDuration: PT0S, minSamples: 0 } ]");

    assertThat(plan.onDeadline()).isEqualTo(DeadlineAction.ROLLBACK);
    assertThat(plan.stages())
        .extracting(Stage::maxDuration)
        .containsExactly(Duration.ofHours(2), Stage.DEFAULT_MAX_DURATION);
  }

  @Test
  void withoutThemAStageHoldsAndAlertsAfterADayOrItsMinDurationIfLonger() {
    RolloutPlan plan =
        load(
            "stages: [ { exposure: 10, minDuration: PT10M, minSamples: 1 },"
                + " { exposure: 100, minDuration: P2D, minSamples: 0 } ]");

    assertThat(plan.onDeadline()).isEqualTo(DeadlineAction.HOLD_AND_ALERT);
    assertThat(plan.stages())
        .extracting(Stage::maxDuration)
        .containsExactly(Duration.ofHours(24), Duration.ofDays(2));
    assertThat(plan)
        .as("the same plan built without deadlines")
        .isEqualTo(
            new RolloutPlan(
                List.of(
                    new Stage(1_000, Duration.ofMinutes(10), 1, false),
                    new Stage(10_000, Duration.ofDays(2), 0, false)),
                3));
  }

  @Test
  void maxDurationShorterThanMinDurationIsRejected() {
    assertProblem(
        "stages: [ { exposure: 100, minDuration: PT1H, minSamples: 0, maxDuration: PT30M } ]",
        "x-driftgate.rollout.stages[0].maxDuration",
        "maxDuration PT30M must not be shorter than minDuration PT1H");
  }

  @Test
  void maxDurationEqualToMinDurationIsAccepted() {
    assertThat(
            load("stages: [ { exposure: 100, minDuration: PT1H, minSamples: 0, maxDuration: PT1H } ]")
                .stages())
        .extracting(Stage::maxDuration)
        .containsExactly(Duration.ofHours(1));
  }

  @Test
  void unknownActionListsTheAllowedOnes() {
    assertProblem(
        "onDeadline: page, stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ]",
        "x-driftgate.rollout.onDeadline",
        "unknown value 'page', expected one of: hold-and-alert, rollback");
  }

  @Test
  void theActionIsThePlansNotAStages() {
    assertProblem(
        "stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0, onDeadline: rollback } ]",
        "x-driftgate.rollout.stages[0].onDeadline",
        "unknown key 'onDeadline', expected one of: exposure, minDuration, maxDuration,"
            + " minSamples, approval");
  }

  @Test
  void aPlanOfAStartCommandFollowsTheSameRules() throws Exception {
    ContractException e =
        catchThrowableOfType(
            ContractException.class,
            () ->
                RolloutPlans.fromTree(
                    JsonMapper.builder()
                        .build()
                        .readTree(
                            "{\"onDeadline\":\"hold_and_alert\",\"stages\":[{\"exposure\":100,"
                                + "\"minDuration\":\"PT1H\",\"minSamples\":0,"
                                + "\"maxDuration\":\"PT59M\"}]}"),
                    "command c-1"));

    assertThat(e.problems())
        .containsExactly(
            new ContractProblem(
                "onDeadline",
                "unknown value 'hold_and_alert', expected one of: hold-and-alert, rollback"),
            new ContractProblem(
                "stages[0].maxDuration",
                "maxDuration PT59M must not be shorter than minDuration PT1H"));
  }

  private static RolloutPlan load(String rollout) {
    return ContractLoader.load(contract(rollout), "t.yaml").plan();
  }

  private static void assertProblem(String rollout, String path, String problem) {
    ContractException e =
        catchThrowableOfType(
            ContractException.class, () -> ContractLoader.load(contract(rollout), "t.yaml"));

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactly(new ContractProblem(path, problem));
  }

  private static String contract(String rollout) {
    return "name: demo\nversion: 1.0.0\nschema:\n  - properties:\n"
        + "      - { name: f, logicalType: string }\n"
        + "x-driftgate:\n  rollout: { "
        + rollout
        + " }\n";
  }
}
