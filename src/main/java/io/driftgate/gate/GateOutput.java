package io.driftgate.gate;

import io.driftgate.drift.Evaluation;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * What one input to a {@link DatasetGate} produced: decisions for the audit log and the alias
 * table, the drift evaluation of the window, and routing rows, each in the order they happened; and
 * the commands dropped as repeats, which only a metric counts; and the starts that began a rollout,
 * whose candidate's location the job records.
 */
public final class GateOutput {

  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingUpdate> routing = new ArrayList<>();
  private final List<Command> duplicates = new ArrayList<>();
  private final List<Command.Start> started = new ArrayList<>();

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
