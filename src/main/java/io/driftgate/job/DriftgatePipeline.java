package io.driftgate.job;

import io.driftgate.auth.Authenticator;
import io.driftgate.auth.KeyRegistry;
import io.driftgate.drift.Evaluation;
import io.driftgate.gate.GateSnapshot;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.outcome.Outcome;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.sink.JdbcSink;
import io.driftgate.sink.JdbcWrite;
import io.driftgate.sink.RetryPolicy;
import io.driftgate.store.DriftResultStore;
import io.driftgate.store.GateSnapshotStore;
import io.driftgate.store.LocationConflictException;
import io.driftgate.store.RoutingStore;
import io.driftgate.store.VersionLocation;
import io.driftgate.store.VersionLocationStore;
import io.driftgate.wire.DeadLetter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology of {@code docs/design.md}: records are checked and profiled in place, partial
 * profiles merged per dataset version, and the rollout controller keyed by dataset turns window
 * profiles and commands into decisions, drift results and routing rows. Sources and stream sinks
 * come from {@link JobEnds}; the JDBC tables are always written, for completed checkpoints only
 * ({@link JdbcSink}).
 */
public final class DriftgatePipeline {

  /** Dead letters from the profiling and control steps. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", DriftgateTypes.DEAD_LETTER);

  private static final Logger LOG = LoggerFactory.getLogger(DriftgatePipeline.class);

  private DriftgatePipeline() {}

  public static void build(
      StreamExecutionEnvironment env, JobSettings settings, ContractCatalog catalog, JobEnds ends) {
    SingleOutputStreamOperator<WindowProfile> partials =
        ends.records(env)
            .transform(
                "Contract check + profile",
                DriftgateTypes.WINDOW_PROFILE,
                new ProfileOperator(
                    catalog,
                    settings.profile(),
                    settings.evaluationTick().toMillis(),
                    ends.outOfOrderness().toMillis(),
                    settings.maxVersionsPerDataset(),
                    DEAD_LETTERS))
            .uid("profile");

    SingleOutputStreamOperator<GateInput> windows =
        partials
            .keyBy(WindowProfile::versionKey)
            .process(new ProfileMerger(catalog, settings.profile()))
            .returns(DriftgateTypes.GATE_INPUT)
            .uid("merge-profiles")
            .name("Merge profiles by dataset@version");

    SingleOutputStreamOperator<Command> commands =
        ends.control(env)
            .keyBy(CommandGuard::keyOf, Types.STRING)
            .process(new CommandGuard(catalog, screen(settings.controlAuth()), DEAD_LETTERS))
            .returns(DriftgateTypes.COMMAND)
            .uid("control-check")
            .name("Check control commands");
    DataStream<GateInput> commandInputs =
        commands
            .map(command -> (GateInput) new GateInput.Control(command))
            .returns(DriftgateTypes.GATE_INPUT)
            .name("Commands to controller");
    DataStream<GateInput> inputs = windows.union(commandInputs);
    DataStream<DeadLetter> deadLetters =
        partials.getSideOutput(DEAD_LETTERS).union(commands.getSideOutput(DEAD_LETTERS));
    DataStream<OutcomeRead> outcomeReads = ends.outcomes(env);
    if (outcomeReads != null) {
      SingleOutputStreamOperator<Outcome> outcomes =
          outcomeReads
              .process(new OutcomeCheck(DEAD_LETTERS))
              .returns(DriftgateTypes.OUTCOME)
              .uid("outcome-check")
              .name("Check outcomes");
      OutcomeWindows.Windows outcomeWindows =
          OutcomeWindows.of(outcomes, settings.evaluationTick());
      inputs = inputs.union(outcomeWindows.inputs());
      deadLetters = deadLetters.union(outcomes.getSideOutput(DEAD_LETTERS), outcomeWindows.late());
    }
    SingleOutputStreamOperator<Decision> decisions =
        inputs
            .keyBy(GateInput::dataset)
            .process(
                new RolloutController(
                    catalog,
                    settings.profile(),
                    deadlines(settings, ends),
                    settings.recoverFromDatabase()
                        ? StoredGates.in(settings.jdbc())
                        : StoredGates.NONE,
                    settings.outcomes()))
            .returns(DriftgateTypes.DECISION)
            .uid("rollout-controller")
            .name("Rollout controller");

    DataStream<Decision> aliasChanges = decisions.getSideOutput(RolloutController.ALIAS);
    DataStream<Evaluation> driftResults = decisions.getSideOutput(RolloutController.DRIFT);
    DataStream<RoutingUpdate> routing = decisions.getSideOutput(RolloutController.ROUTING);
    DataStream<GateSnapshot> snapshots = decisions.getSideOutput(RolloutController.SNAPSHOTS);
    DataStream<VersionLocation> locations = decisions.getSideOutput(RolloutController.LOCATIONS);

    JdbcEndpoint jdbc = settings.jdbc();
    RetryPolicy retry = settings.jdbcRetry();
    aliasChanges
        .sinkTo(
            new JdbcSink<>(
                aliasChanges.getType(),
                jdbc,
                retry,
                new DecisionWrite(),
                JobMetrics.ALIAS_UPDATE_LAG))
        .uid("jdbc-alias")
        .name("JDBC dataset_alias (CAS) + alias_history + rollout_event");
    DataStream<Decision> audited = decisions.union(commands.getSideOutput(CommandGuard.REFUSALS));
    DataStream<Decision> auditOnly =
        audited
            .filter(d -> d.kind() != DecisionKind.PROMOTED && d.kind() != DecisionKind.ROLLED_BACK)
            .name("Audit-only decisions");
    auditOnly
        .sinkTo(new JdbcSink<>(auditOnly.getType(), jdbc, retry, new DecisionWrite()))
        .uid("jdbc-audit")
        .name("JDBC rollout_event");
    driftResults
        .sinkTo(new JdbcSink<>(driftResults.getType(), jdbc, retry, driftWrite()))
        .uid("jdbc-drift")
        .name("JDBC drift_result");
    routing
        .sinkTo(new JdbcSink<>(routing.getType(), jdbc, retry, routingWrite()))
        .uid("jdbc-routing")
        .name("JDBC cohort_routing");
    snapshots
        .sinkTo(new JdbcSink<>(snapshots.getType(), jdbc, retry, snapshotWrite()))
        .uid("jdbc-gate-snapshot")
        .name("JDBC gate_snapshot");
    locations
        .sinkTo(new JdbcSink<>(locations.getType(), jdbc, retry, locationWrite()))
        .uid("jdbc-version-location")
        .name("JDBC version_location");
    if (settings.notifications().enabled()) {
      // One committer, hence one webhook dispatcher per job (NotificationWrite).
      audited
          .sinkTo(
              new JdbcSink<>(
                  audited.getType(),
                  jdbc,
                  retry,
                  new NotificationWrite(settings.notifications(), jdbc)))
          .setParallelism(1)
          .uid("jdbc-notification-outbox")
          .name("JDBC notification_outbox + webhooks");
    }

    ends.rolloutEvents(audited);
    ends.driftResults(driftResults);
    ends.routing(routing);
    ends.deadLetters(deadLetters);
  }

  /** Signatures checked against the key directory when the settings require them. */
  static CommandScreen screen(ControlAuth auth) {
    if (!auth.required()) {
      LOG.warn(
          "Control commands are not authenticated ({} = off): any writer of the control topic"
              + " can act as any actor. Set it to 'required' with {} in production.",
          DriftgateOptions.CONTROL_AUTH.key(),
          DriftgateOptions.CONTROL_KEYS.key());
      return new CommandScreen(auth, null);
    }
    return new CommandScreen(
        auth, new Authenticator(KeyRegistry.inDirectory(auth.keysDirectory())));
  }

  /** Unbounded jobs only: see {@link JobEnds#bounded()}. */
  static CommandDeadlines deadlines(JobSettings settings, JobEnds ends) {
    return ends.bounded()
        ? CommandDeadlines.none()
        : CommandDeadlines.after(settings.controlMaxDelay());
  }

  private static JdbcWrite<Evaluation> driftWrite() {
    return (connections, metrics) -> {
      DriftResultStore store = new DriftResultStore(connections);
      return store::insert;
    };
  }

  private static JdbcWrite<GateSnapshot> snapshotWrite() {
    return (connections, metrics) -> {
      GateSnapshotStore store = new GateSnapshotStore(connections);
      return store::upsert;
    };
  }

  /**
   * A version recorded before at another location keeps it: the row is the consumers' truth and is
   * never rewritten. The gate refuses such a start ({@code LOCATION_CONFLICT}) when the row is
   * there before the start; one recorded in between (a {@code register} racing the start) is logged
   * and counted ({@code location_conflicts}) here rather than failing the task, which would fail
   * again on every replay of the same checkpoint.
   */
  private static JdbcWrite<VersionLocation> locationWrite() {
    return (connections, metrics) -> {
      VersionLocationStore store = new VersionLocationStore(connections);
      Counter conflicts = metrics.counter("location_conflicts");
      return location -> {
        try {
          store.record(location);
        } catch (LocationConflictException e) {
          conflicts.inc();
          LOG.error(
              "Location of {} {} not recorded: {}",
              location.dataset(),
              location.version(),
              e.getMessage());
        }
      };
    };
  }

  private static JdbcWrite<RoutingUpdate> routingWrite() {
    return (connections, metrics) -> {
      RoutingStore store = new RoutingStore(connections);
      return update -> store.upsert(update.entry(), update.decisionSequence(), update.at());
    };
  }
}
