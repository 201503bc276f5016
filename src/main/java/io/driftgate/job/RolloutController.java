package io.driftgate.job;

import io.driftgate.contract.DataContract;
import io.driftgate.drift.Evaluation;
import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateRecovery;
import io.driftgate.gate.GateSnapshot;
import io.driftgate.gate.GateState;
import io.driftgate.gate.OutcomeSettings;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.outcome.Outcome;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.store.VersionLocation;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout controller, one {@link DatasetGate} per dataset in keyed state. Window profiles and
 * commands wait in an event-time queue and are applied when the watermark passes them, in time
 * order, so a replay decides the same things at any parallelism. Everything the controller keeps is
 * keyed by dataset and read only by its own key: no broadcast state that could arrive late or grow
 * with every rollout. Approvals are commands like any other: one for a stage the rollout has not
 * reached is kept in the gate's keyed state until that stage awaits it.
 *
 * <p>A watermark moves only with data, so a command also has a deadline in processing time ({@link
 * CommandDeadlines}): one the watermark has not passed by then is applied anyway, with every step
 * queued before it ({@link OverdueSteps}). That is what lets a rollback act while no records flow;
 * the ordering rule it bends, and what a replay then reproduces, is in docs/architecture.md.
 *
 * <p>Outputs: every decision on the main output (the audit log and notifications); promotions and
 * rollbacks also on {@link #ALIAS} (the alias table); drift evaluations on {@link #DRIFT}; routing
 * rows on {@link #ROUTING}; the location a start gave its candidate on {@link #LOCATIONS}; after
 * every step that changed what a job without state would need, the dataset's {@link GateSnapshot}
 * on {@link #SNAPSHOTS}.
 *
 * <p>A dataset the keyed state does not know (the job started without a savepoint) is looked up in
 * {@link StoredGates} once, at its first step, and carries on from there ({@link GateRecovery});
 * one the database does not know either starts as if it never had a rollout.
 */
public final class RolloutController extends KeyedProcessFunction<String, GateInput, Decision> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<Decision> ALIAS =
      new OutputTag<>("alias-changes", DriftgateTypes.DECISION);
  public static final OutputTag<Evaluation> DRIFT =
      new OutputTag<>("drift-results", DriftgateTypes.EVALUATION);
  public static final OutputTag<RoutingUpdate> ROUTING =
      new OutputTag<>("routing", DriftgateTypes.ROUTING_UPDATE);
  public static final OutputTag<GateSnapshot> SNAPSHOTS =
      new OutputTag<>("gate-snapshots", DriftgateTypes.GATE_SNAPSHOT);
  public static final OutputTag<VersionLocation> LOCATIONS =
      new OutputTag<>("version-locations", DriftgateTypes.VERSION_LOCATION);

  private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

  private final ContractCatalog catalog;
  private final ProfileSettings settings;
  private final CommandDeadlines deadlines;
  private final OutcomeSettings outcomes;
  private final StoredGates stored;

  private transient ValueState<GateState> gates;
  private transient MapState<Long, PendingInputs> queue;
  private transient ControllerMetrics metrics;

  public RolloutController(
      ContractCatalog catalog,
      ProfileSettings settings,
      CommandDeadlines deadlines,
      StoredGates stored) {
    this(catalog, settings, deadlines, stored, OutcomeSettings.DEFAULTS);
  }

  public RolloutController(
      ContractCatalog catalog,
      ProfileSettings settings,
      CommandDeadlines deadlines,
      StoredGates stored,
      OutcomeSettings outcomes) {
    this.catalog = catalog;
    this.settings = settings;
    this.deadlines = deadlines;
    this.stored = stored;
    this.outcomes = outcomes;
  }

  @Override
  public void open(OpenContext openContext) {
    gates =
        getRuntimeContext().getState(new ValueStateDescriptor<>("gate", DriftgateTypes.GATE_STATE));
    queue =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("queue", Types.LONG, DriftgateTypes.PENDING_INPUTS));
    metrics = new ControllerMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(GateInput input, Context ctx, Collector<Decision> out)
      throws Exception {
    long due = Math.max(input.time(), ctx.timerService().currentWatermark() + 1);
    PendingInputs pending = queue.get(due);
    if (pending == null) {
      pending = new PendingInputs();
      ctx.timerService().registerEventTimeTimer(due);
    }
    pending.inputs.add(input);
    OptionalLong deadline = deadlines.of(input, ctx.timerService().currentProcessingTime());
    if (deadline.isPresent()) {
      pending.deadline =
          pending.deadline == null
              ? deadline.getAsLong()
              : Math.min(pending.deadline, deadline.getAsLong());
      ctx.timerService().registerProcessingTimeTimer(deadline.getAsLong());
    }
    queue.put(due, pending);
  }

  /**
   * An event-time timer applies the step due at its time. A processing-time timer applies the steps
   * a passed command deadline forces, if the watermark has not applied them already; their
   * event-time timers go with them. A processing-time timer is left to fire even when its steps are
   * gone: steps read in the same millisecond share it.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      for (Map.Entry<Long, PendingInputs> step :
          OverdueSteps.at(queue.entries(), timestamp).entrySet()) {
        queue.remove(step.getKey());
        ctx.timerService().deleteEventTimeTimer(step.getKey());
        step.getValue().commands().forEach(metrics::onAheadOfWatermark);
        apply(step.getValue(), ctx, out);
      }
      tickIfDue(timestamp, ctx, out);
      return;
    }
    PendingInputs pending = queue.get(timestamp);
    if (pending == null) {
      return;
    }
    queue.remove(timestamp);
    apply(pending, ctx, out);
  }

  /**
   * A rollout judged on complete evidence (a preflight's) has no windows to wake it: its gate names
   * the instant its stage clock next matters, a processing-time timer is set for it, and when it
   * fires the gate is judged dated at that instant, not at the firing time, so a replay decides the
   * same. Timers that find nothing due (an earlier step moved the clock on) do nothing.
   */
  private void tickIfDue(long timestamp, OnTimerContext ctx, Collector<Decision> out)
      throws Exception {
    GateState state = gates.value();
    if (state == null) {
      return;
    }
    DatasetGate gate = new DatasetGate(catalog.contract(ctx.getCurrentKey()), settings, state);
    Optional<Instant> due = gate.nextTick();
    if (due.isEmpty() || due.get().toEpochMilli() > timestamp) {
      return;
    }
    GateOutput output = new GateOutput();
    step(gate, GateSnapshot.of(state), output, ctx, out, () -> gate.onTick(due.get(), output));
  }

  /**
   * Applies one step: its commands, then its outcomes, then its windows, to the dataset's gate, so
   * that the window's evaluation judges the outcome gates on the outcomes of its own time too.
   */
  private void apply(PendingInputs pending, OnTimerContext ctx, Collector<Decision> out)
      throws Exception {
    String dataset = ctx.getCurrentKey();
    // The job's contract, also for a rollout that started under another one before an upgrade:
    // the gate restarts evidence that no longer fits it (DatasetGate).
    DataContract contract = catalog.contract(dataset);
    GateOutput output = new GateOutput();
    GateState state = gates.value();
    GateSnapshot before;
    if (state != null) {
      before = GateSnapshot.of(state);
    } else {
      Optional<GateSnapshot> found = stored.load(dataset);
      before = found.orElse(null);
      state =
          found.isEmpty()
              ? new GateState()
              : GateRecovery.recover(
                  found.get(), pending.earliest(), starterOf(dataset, found.get()), output);
      found.ifPresent(
          s -> LOG.info("No state for {}: recovered from the database, {}", dataset, s));
    }
    DatasetGate gate =
        new DatasetGate(
            contract, settings, state, this::storedAlias, this::storedLocation, outcomes);
    step(
        gate,
        before,
        output,
        ctx,
        out,
        () -> {
          for (Command command : pending.commands()) {
            gate.onCommand(
                command instanceof Command.Start start ? withPlan(start, contract) : command,
                output);
          }
          GateInput.Outcomes outcomes = pending.outcomes();
          if (outcomes != null) {
            gate.onOutcomes(
                Instant.ofEpochMilli(outcomes.windowStart()),
                Instant.ofEpochMilli(outcomes.windowEnd()),
                outcomes.outcomes(),
                output);
          }
          TreeMap<String, DatasetProfile> windows = pending.windowsByVersion();
          if (!windows.isEmpty()) {
            WindowProfile first = pending.firstWindow();
            gate.onWindow(
                Instant.ofEpochMilli(first.windowStart()),
                Instant.ofEpochMilli(first.windowEnd()),
                windows,
                output);
          }
        });
  }

  /**
   * Runs {@code inputs} on the gate, keeps its state, emits what it decided into {@code output},
   * publishes its snapshot when it changed since {@code before}, and sets the timer of its next
   * tick.
   */
  private void step(
      DatasetGate gate,
      GateSnapshot before,
      GateOutput output,
      OnTimerContext ctx,
      Collector<Decision> out,
      Runnable inputs)
      throws Exception {
    inputs.run();
    gates.update(gate.state());
    output.evaluations().forEach(metrics::onEvaluation);
    output.decisions().forEach(metrics::onDecision);
    output.duplicates().forEach(metrics::onDuplicate);
    output.routing().forEach(metrics::onRouting);
    metrics.onOutcomes(ctx.getCurrentKey(), output);
    metrics.onStatus(gate.state().status());
    emit(output, ctx, out);
    GateSnapshot after = GateSnapshot.of(gate.state());
    if (after != null && after.differsFrom(before)) {
      ctx.output(SNAPSHOTS, after);
    }
    gate.nextTick()
        .ifPresent(due -> ctx.timerService().registerProcessingTimeTimer(due.toEpochMilli()));
  }

  /** Who started the stored rollout, when it has a candidate: four eyes outlive a restart. */
  private String starterOf(String dataset, GateSnapshot snapshot) throws SQLException {
    String candidate = snapshot.rollout().candidateVersion();
    return candidate == null || candidate.isBlank()
        ? null
        : stored.starter(dataset, candidate).orElse(null);
  }

  /** Fails the task when the database cannot be read, as a failed {@link StoredGates#load} does. */
  private Optional<String> storedAlias(String dataset) {
    try {
      return stored.alias(dataset);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the alias of " + dataset, e);
    }
  }

  /** Fails the task when the database cannot be read, as {@link #storedAlias} does. */
  private Optional<String> storedLocation(String dataset, String version) {
    try {
      return stored.location(dataset, version);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the location of " + dataset + " " + version, e);
    }
  }

  private static void emit(GateOutput output, OnTimerContext ctx, Collector<Decision> out) {
    for (Evaluation evaluation : output.evaluations()) {
      ctx.output(DRIFT, evaluation);
    }
    for (Decision decision : output.decisions()) {
      out.collect(decision);
      if (decision.kind() == DecisionKind.PROMOTED || decision.kind() == DecisionKind.ROLLED_BACK) {
        ctx.output(ALIAS, decision);
      }
    }
    for (RoutingUpdate update : output.routing()) {
      ctx.output(ROUTING, update);
    }
    for (Command.Start start : output.started()) {
      if (start.location() != null) {
        ctx.output(
            LOCATIONS,
            new VersionLocation(
                start.dataset(),
                start.candidateVersion(),
                start.location(),
                start.actor(),
                start.at()));
      }
    }
  }

  /**
   * The start with its plan: its own, or its contract's when it brings none. The plan is fixed
   * here, when the start is applied, and kept in the rollout's status from then on, so a contract
   * upgraded later does not change the plan of a rollout already running.
   */
  private static Command.Start withPlan(Command.Start start, DataContract contract) {
    return start.plan() != null ? start : start.withPlan(contract.plan());
  }

  /**
   * The inputs due at one event time, in arrival order until they are sorted for applying. Public
   * for its state serializer ({@code io.driftgate.serde}); its fields keep their names for the
   * Java-serialized state of earlier releases, which is still restored.
   */
  public static final class PendingInputs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final ArrayList<GateInput> inputs = new ArrayList<>();

    /**
     * The earliest deadline of the commands among the inputs, in processing time; {@code null} when
     * there is none: windows only, or a step queued before commands had deadlines.
     */
    Long deadline;

    PendingInputs() {}

    public PendingInputs(List<GateInput> inputs, Long deadline) {
      this.inputs.addAll(inputs);
      this.deadline = deadline;
    }

    /** In arrival order. */
    public List<GateInput> inputs() {
      return Collections.unmodifiableList(inputs);
    }

    public Long deadline() {
      return deadline;
    }

    boolean overdueAt(long processingTime) {
      return deadline != null && deadline <= processingTime;
    }

    /**
     * Commands in a deterministic order: event time, then starts first, then command id. A start
     * goes before the other commands of its instant so that an approval given with it (a script
     * that starts and approves in advance) belongs to the rollout it starts rather than being
     * refused for want of one.
     */
    List<Command> commands() {
      return inputs.stream()
          .filter(GateInput.Control.class::isInstance)
          .map(i -> ((GateInput.Control) i).command())
          .sorted(
              Comparator.comparing(Command::at)
                  .thenComparing(c -> !(c instanceof Command.Start))
                  .thenComparing(Command::commandId))
          .toList();
    }

    /** The event time of the step's earliest input. */
    Instant earliest() {
      return Instant.ofEpochMilli(inputs.stream().mapToLong(GateInput::time).min().orElseThrow());
    }

    TreeMap<String, DatasetProfile> windowsByVersion() {
      TreeMap<String, DatasetProfile> byVersion = new TreeMap<>();
      for (GateInput input : inputs) {
        if (input instanceof GateInput.Window window) {
          DatasetProfile profile = DatasetProfile.fromBytes(window.profile().profile());
          DatasetProfile existing = byVersion.get(profile.version());
          if (existing == null) {
            byVersion.put(profile.version(), profile);
          } else {
            existing.merge(profile);
          }
        }
      }
      return byVersion;
    }

    /**
     * The step's outcome windows as one, their outcomes in a canonical order (event time, metric,
     * cohort key, value, version) so that the cohorts' moments do not depend on arrival order;
     * {@code null} when there are none.
     */
    GateInput.Outcomes outcomes() {
      List<GateInput.Outcomes> windows =
          inputs.stream()
              .filter(GateInput.Outcomes.class::isInstance)
              .map(GateInput.Outcomes.class::cast)
              .toList();
      if (windows.isEmpty()) {
        return null;
      }
      List<Outcome> all = new ArrayList<>();
      windows.forEach(w -> all.addAll(w.outcomes()));
      all.sort(CANONICAL);
      GateInput.Outcomes first = windows.get(0);
      return new GateInput.Outcomes(first.dataset(), first.windowStart(), first.windowEnd(), all);
    }

    private static final Comparator<Outcome> CANONICAL =
        Comparator.comparingLong(Outcome::eventTimeMillis)
            .thenComparing(Outcome::metric)
            .thenComparing(Outcome::cohortKey)
            .thenComparingDouble(Outcome::value)
            .thenComparing(Outcome::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    WindowProfile firstWindow() {
      return inputs.stream()
          .filter(GateInput.Window.class::isInstance)
          .map(i -> ((GateInput.Window) i).profile())
          .findFirst()
          .orElseThrow();
    }
  }
}
