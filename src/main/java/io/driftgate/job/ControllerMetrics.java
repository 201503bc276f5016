package io.driftgate.job;

import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.rollout.StageNumber;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The controller's view as metrics, labelled by dataset and gate: what a Grafana rollout panel
 * plots. Gauges hold the last value seen; a dataset's metrics exist on the one subtask that owns
 * its key. Metric names are listed in {@link JobMetrics}.
 */
final class ControllerMetrics {

  private final MetricGroup root;
  private final Map<String, DatasetMetrics> datasets = new HashMap<>();

  ControllerMetrics(MetricGroup operatorGroup) {
    this.root = operatorGroup.addGroup(JobMetrics.GROUP);
  }

  void onEvaluation(Evaluation evaluation) {
    DatasetMetrics metrics = dataset(evaluation.dataset());
    metrics.candidateCount = evaluation.candidateCount();
    metrics.baselineCount = evaluation.baselineCount();
    metrics.evaluations.inc();
    for (GateResult result : evaluation.results()) {
      metrics.gate(result.gate()).update(result);
    }
  }

  void onDecision(Decision decision) {
    DatasetMetrics metrics = dataset(decision.dataset());
    metrics.decisions.inc();
    if (decision.kind() == DecisionKind.ROLLED_BACK) {
      metrics.rollbacks.inc();
    } else if (decision.kind() == DecisionKind.PROMOTED) {
      metrics.promotions.inc();
    }
  }

  /**
   * How a step's outcomes were counted; nothing for a step without outcomes. By the step's dataset,
   * not its status: outcomes of a dataset that never had a rollout are counted too ({@code
   * NO_ROLLOUT}), or outcomes in would exceed what the counters account for.
   */
  void onOutcomes(String dataset, GateOutput output) {
    if (output.countedOutcomes() == 0
        && output.unjudgedOutcomes() == 0
        && output.uncountedOutcomes().isEmpty()) {
      return;
    }
    DatasetMetrics metrics = dataset(dataset);
    metrics.outcomesCounted.inc(output.countedOutcomes());
    metrics.outcomesUnjudged.inc(output.unjudgedOutcomes());
    metrics.outcomeVersionMismatches.inc(output.versionMismatches());
    output
        .uncountedOutcomes()
        .forEach((reason, count) -> metrics.uncounted(reason.name()).inc(count));
  }

  /** A command dropped because its id was answered before: a retry or a redelivery. */
  void onDuplicate(Command command) {
    dataset(command.dataset()).duplicateCommands.inc();
  }

  /** Commands applied from their deadline rather than by the watermark. */
  void onAheadOfWatermark(Command command) {
    dataset(command.dataset()).commandsAheadOfWatermark.inc();
  }

  void onRouting(RoutingUpdate update) {
    DatasetMetrics metrics = dataset(update.entry().dataset());
    metrics.exposure = update.entry().exposureBasisPoints();
    metrics.stage = StageNumber.of(update.entry().stage());
  }

  /**
   * After each step: what the gauges read from the kept status rather than from a decision. A
   * paused rollout is not overdue: pausing is how an operator takes over the wait.
   */
  void onStatus(RolloutStatus status) {
    if (status != null) {
      dataset(status.dataset()).overdue =
          status.overdue() && status.phase() != Phase.PAUSED ? 1 : 0;
    }
  }

  private DatasetMetrics dataset(String dataset) {
    return datasets.computeIfAbsent(
        dataset, name -> new DatasetMetrics(root.addGroup(JobMetrics.DATASET, name)));
  }

  private static final class DatasetMetrics {
    final MetricGroup group;
    final Counter decisions;
    final Counter rollbacks;
    final Counter promotions;
    final Counter evaluations;
    final Counter duplicateCommands;
    final Counter commandsAheadOfWatermark;
    final Map<String, GateMetrics> gates = new HashMap<>();
    final Counter outcomesCounted;
    final Counter outcomesUnjudged;
    final Counter outcomeVersionMismatches;
    final Map<String, Counter> outcomesUncounted = new HashMap<>();
    volatile long exposure;
    volatile long stage;
    volatile long overdue;
    volatile long candidateCount;
    volatile long baselineCount;

    DatasetMetrics(MetricGroup group) {
      this.group = group;
      this.decisions = group.counter(JobMetrics.DECISIONS);
      this.rollbacks = group.counter(JobMetrics.ROLLBACKS);
      this.promotions = group.counter(JobMetrics.PROMOTIONS);
      this.evaluations = group.counter(JobMetrics.EVALUATIONS);
      this.duplicateCommands = group.counter(JobMetrics.DUPLICATE_COMMANDS);
      this.commandsAheadOfWatermark = group.counter(JobMetrics.COMMANDS_AHEAD_OF_WATERMARK);
      this.outcomesCounted = group.counter(JobMetrics.OUTCOMES_COUNTED);
      this.outcomesUnjudged = group.counter(JobMetrics.OUTCOMES_UNJUDGED);
      this.outcomeVersionMismatches = group.counter(JobMetrics.OUTCOME_VERSION_MISMATCHES);
      group.gauge(JobMetrics.EXPOSURE_BP, (Gauge<Long>) () -> exposure);
      group.gauge(JobMetrics.STAGE, (Gauge<Long>) () -> stage);
      group.gauge(JobMetrics.STAGE_OVERDUE, (Gauge<Long>) () -> overdue);
      group.gauge(JobMetrics.CANDIDATE_SAMPLES, (Gauge<Long>) () -> candidateCount);
      group.gauge(JobMetrics.BASELINE_SAMPLES, (Gauge<Long>) () -> baselineCount);
    }

    Counter uncounted(String reason) {
      return outcomesUncounted.computeIfAbsent(
          reason, r -> group.addGroup("reason", r).counter(JobMetrics.OUTCOMES_UNCOUNTED));
    }

    GateMetrics gate(String gate) {
      return gates.computeIfAbsent(
          gate, name -> new GateMetrics(group.addGroup(JobMetrics.GATE, name)));
    }
  }

  private static final class GateMetrics {
    volatile double statistic = Double.NaN;
    volatile double threshold = Double.NaN;
    volatile double pValue = Double.NaN;
    volatile double breach;

    GateMetrics(MetricGroup group) {
      group.gauge(JobMetrics.STATISTIC, (Gauge<Double>) () -> statistic);
      group.gauge(JobMetrics.THRESHOLD, (Gauge<Double>) () -> threshold);
      group.gauge(JobMetrics.P_VALUE, (Gauge<Double>) () -> pValue);
      group.gauge(JobMetrics.BREACH, (Gauge<Double>) () -> breach);
    }

    void update(GateResult result) {
      Evidence evidence = result.evidence();
      if (evidence != null) {
        statistic = evidence.statistic();
        threshold = evidence.threshold();
        pValue = evidence.pValue();
      }
      breach = result.verdict() == Verdict.BREACH ? 1 : 0;
    }
  }
}
