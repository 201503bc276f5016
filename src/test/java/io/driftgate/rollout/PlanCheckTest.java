package io.driftgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCheckTest {

  private static Stage stage(int exposure) {
    return new Stage(exposure, Duration.ofMinutes(5), 100, false);
  }

  @Test
  void acceptsGrowingStagesEndingAtFullExposure() {
    assertThat(PlanCheck.problem(RolloutTestBase.PLAN)).isEmpty();
  }

  @Test
  void namesWhatMakesAPlanUnusable() {
    assertThat(PlanCheck.problem(new RolloutPlan(List.of(), 3))).contains("plan has no stages");
    assertThat(PlanCheck.problem(new RolloutPlan(List.of(stage(10_000)), 0)))
        .contains("plan rollbackWindow 0 is not >= 1");
    assertThat(PlanCheck.problem(new RolloutPlan(List.of(stage(500), stage(100)), 3)))
        .contains("plan stage 2 exposure 100 bp is not within [500, 10000]");
    assertThat(
            PlanCheck.problem(
                new RolloutPlan(List.of(new Stage(10_000, Duration.ofMinutes(-1), 100, false)), 3)))
        .contains("plan stage 1 minDuration PT-1M is not >= 0");
    assertThat(
            PlanCheck.problem(
                new RolloutPlan(
                    List.of(
                        new Stage(10_000, Duration.ofHours(1), 100, false, Duration.ofMinutes(5))),
                    3)))
        .contains("plan stage 1 maxDuration PT5M is not >= minDuration PT1H");
  }
}
