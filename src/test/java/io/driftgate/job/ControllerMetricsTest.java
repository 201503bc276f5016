package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.drift.Evaluation;
import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateState;
import io.driftgate.outcome.Outcome;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.RolloutStateMachine;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.rollout.StageSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/**
 * Gauges read from the kept status rather than from a decision, counted commands and counted
 * outcomes.
 */
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

  /**
   * A dataset whose gate never had a rollout (no status) still counts its outcomes: otherwise the
   * outcomes read before a first start would be in {@code outcomes_in} and in no other counter.
   */
  @Test
  void outcomesOfADatasetThatNeverHadARolloutAreCounted() {
    MetricListener listener = new MetricListener();
    ControllerMetrics metrics = new ControllerMetrics(listener.getMetricGroup());
    DataContract contract =
        ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"))
            .withOutcomes(
                List.of(
                    new OutcomeGate(
                        "model_score", OutcomeTest.MEAN, Harm.DECREASE, 0.01, true, true, 10)));
    DatasetGate gate = new DatasetGate(contract, ProfileSettings.DEFAULTS, new GateState());
    GateOutput output = new GateOutput();
    long at = T0.toEpochMilli() + 1_000;
    gate.onOutcomes(
        T0,
        T0.plusSeconds(60),
        List.of(
            Outcome.of("it.features", "model_score", "u1", 0.5, at, null),
            Outcome.of("it.features", "model_score", "u2", 0.5, at, null),
            Outcome.of("it.features", "clicks", "u1", 1.0, at, null)),
        output);
    assertThat(gate.state().status()).as("no rollout ever").isNull();

    metrics.onOutcomes("it.features", output);

    assertThat(
            listener
                .getCounter(
                    JobMetrics.GROUP,
                    JobMetrics.DATASET,
                    "it.features",
                    "reason",
                    "NO_ROLLOUT",
                    JobMetrics.OUTCOMES_UNCOUNTED)
                .orElseThrow()
                .getCount())
        .isEqualTo(2);
    assertThat(
            listener
                .getCounter(
                    JobMetrics.GROUP,
                    JobMetrics.DATASET,
                    "it.features",
                    JobMetrics.OUTCOMES_UNJUDGED)
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
  }
}
