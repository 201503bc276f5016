package io.driftgate.gate;

import io.driftgate.drift.Evaluation;
import io.driftgate.outcome.Assignment.Exclusion;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one input to a {@link DatasetGate} produced: decisions for the audit log and the alias
 * table, the drift evaluation of the window, and routing rows, each in the order they happened; and
 * the commands dropped as repeats, which only a metric counts; and the starts that began a rollout,
 * whose candidate's location the job records; and how many outcomes were counted in a cohort, and
 * why the others were not (count in = counted + uncounted + unjudged).
 */
public final class GateOutput {

  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingUpdate> routing = new ArrayList<>();
  private final List<Command> duplicates = new ArrayList<>();
  private final List<Command.Start> started = new ArrayList<>();
  private final EnumMap<Exclusion, Long> uncounted = new EnumMap<>(Exclusion.class);
  private long counted;
  private long unjudged;
  private long versionMismatches;

  void add(Decision decision) {
    decisions.add(decision);
  }

  void add(Evaluation evaluation) {
    evaluations.add(evaluation);
  }

  void add(RoutingUpdate update) {
    routing.add(update);
  }

  void addStarted(Command.Start start) {
    started.add(start);
  }

  void addDuplicate(Command command) {
    duplicates.add(command);
  }

  void addCounted() {
    counted++;
  }

  void addUncounted(Exclusion reason) {
    uncounted.merge(reason, 1L, Long::sum);
  }

  void addUnjudged() {
    unjudged++;
  }

  void addVersionMismatch() {
    versionMismatches++;
  }

  /** Outcomes counted in a cohort. */
  public long countedOutcomes() {
    return counted;
  }

  /** Outcomes of gated metrics that no cohort holds, by why. */
  public Map<Exclusion, Long> uncountedOutcomes() {
    return uncounted;
  }

  /** Outcomes of metrics the contract has no gate for. */
  public long unjudgedOutcomes() {
    return unjudged;
  }

  /** Outcomes whose consumer said it read another version than its cohort's: routing problems. */
  public long versionMismatches() {
    return versionMismatches;
  }

  public List<Decision> decisions() {
    return decisions;
  }

  public List<Evaluation> evaluations() {
    return evaluations;
  }

  public List<RoutingUpdate> routing() {
    return routing;
  }

  public List<Command> duplicates() {
    return duplicates;
  }

  public List<Command.Start> started() {
    return started;
  }

  public boolean isEmpty() {
    return decisions.isEmpty() && evaluations.isEmpty() && routing.isEmpty();
  }
}
