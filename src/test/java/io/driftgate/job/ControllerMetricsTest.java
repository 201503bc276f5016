package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.drift.Evaluation;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.RolloutStateMachine;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.rollout.StageSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/** Gauges read from the kept status rather than from a decision, and counted commands. */
class ControllerMetricsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void stageOverdueIsOneFromTheDeadlineUntilTheRolloutMovesOnExceptWhilePaused() {
    MetricListener listener = new MetricListener();
    ControllerMetrics metrics = new ControllerMetrics(listener.getMetricGroup());
    RolloutPlan noTimeToDecide =
        new RolloutPlan(List.of(new Stage(10_000, Duration.ZERO, 0, false, Duration.ZERO)), 1);
    RolloutStatus started =
        RolloutStateMachine.onCommand(
                null, new Command.Start("c-1", "orders", "ada", T0, "v2", "v1", noTimeToDecide), T0)
            .next();
    RolloutStatus overdue =
        RolloutStateMachine.onEvaluation(
                started,
                new Evaluation("orders", "v2", "v1", T0, T0.plusSeconds(60), 0, 0, List.of()),
                new StageSamples(0, 0),
                T0.plusSeconds(60))
            .next();
    RolloutStatus paused =
        RolloutStateMachine.onCommand(
                overdue,
                new Command.Pause("c-2", "orders", "ada", T0.plusSeconds(70)),
                T0.plusSeconds(70))
            .next();
    RolloutStatus resumed =
        RolloutStateMachine.onCommand(
                paused,
                new Command.Resume("c-3", "orders", "ada", T0.plusSeconds(80)),
                T0.plusSeconds(80))
            .next();
    RolloutStatus rolledBack =
        RolloutStateMachine.onCommand(
                resumed,
                new Command.ManualRollback("c-4", "orders", "ada", T0.plusSeconds(90), "stuck"),
                T0.plusSeconds(90))
            .next();

    metrics.onStatus(started);
    Gauge<Long> gauge =
        listener
            .<Long>getGauge(
                JobMetrics.GROUP, JobMetrics.DATASET, "orders", JobMetrics.STAGE_OVERDUE)
            .orElseThrow();
    assertThat(gauge.getValue()).isZero();
    metrics.onStatus(overdue);
    assertThat(gauge.getValue()).isEqualTo(1);
    metrics.onStatus(paused);
    assertThat(gauge.getValue()).as("an operator took over").isZero();
    metrics.onStatus(resumed);
    assertThat(gauge.getValue()).isEqualTo(1);
    metrics.onStatus(rolledBack);
    assertThat(gauge.getValue()).isZero();
  }

  @Test
  void commandsDroppedAsRepeatsAreCountedPerDataset() {
    MetricListener listener = new MetricListener();
    ControllerMetrics metrics = new ControllerMetrics(listener.getMetricGroup());

    metrics.onDuplicate(new Command.Pause("c-2", "orders", "ada", T0));
    metrics.onDuplicate(new Command.Pause("c-2", "orders", "ada", T0.plusSeconds(5)));

    assertThat(
            listener
                .getCounter(
                    JobMetrics.GROUP, JobMetrics.DATASET, "orders", JobMetrics.DUPLICATE_COMMANDS)
                .orElseThrow()
                .getCount())
        .isEqualTo(2);
  }

  @Test
  void commandsAppliedAheadOfTheWatermarkAreCountedPerDataset() {
    MetricListener listener = new MetricListener();
    ControllerMetrics metrics = new ControllerMetrics(listener.getMetricGroup());

    metrics.onAheadOfWatermark(new Command.Pause("c-2", "orders", "ada", T0));

    assertThat(
            listener
                .getCounter(
                    JobMetrics.GROUP,
                    JobMetrics.DATASET,
                    "orders",
                    JobMetrics.COMMANDS_AHEAD_OF_WATERMARK)
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
  }
}
