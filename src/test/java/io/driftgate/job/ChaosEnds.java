package io.driftgate.job;

import io.driftgate.drift.Evaluation;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.rollout.Decision;
import io.driftgate.store.Schema;
import io.driftgate.wire.DeadLetter;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production ends ({@link KafkaEnds}) with a {@link FailingMap} after the records source, after
 * the control source and before the rollout-events sink: a task failure can be injected at chosen
 * records, commands and decisions without a test hook in the job. The maps are chained to the
 * operators around them, so a failure takes down the source's (or the controller's) task and Flink
 * restarts the job from its last checkpoint.
 */
final class ChaosEnds implements JobEnds {

  /**
   * Where a run fails, as {@link FailingMap} points: records at {@code <partition>@<offset>} of the
   * records topic, commands at {@code control@<offset>} of the control topic, decisions at {@code
   * decisions@<sequence>}; and how much the records are slowed down.
   */
  record Plan(
      String run,
      Set<String> records,
      Set<String> commands,
      Set<String> decisions,
      FailingMap.Pace recordPace)
      implements Serializable {

    /** No failure, records slowed down: for a job to be stopped part way. */
    static Plan slowedDown(String run, FailingMap.Pace recordPace) {
      return new Plan(run, Set.of(), Set.of(), Set.of(), recordPace);
    }

    int size() {
      return records.size() + commands.size() + decisions.size();
    }
  }

  private final JobEnds delegate;
  private final Plan plan;

  ChaosEnds(JobEnds delegate, Plan plan) {
    this.delegate = delegate;
    this.plan = plan;
  }

  /**
   * What {@link DriftgateJob#prepare(Configuration)} does, with these ends around {@link
   * KafkaEnds}: checks the settings, migrates the schema and builds the topology.
   */
  static StreamExecutionEnvironment prepare(Configuration config, Plan plan) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    JobSettings settings = JobSettings.from(DriftgateJob.effective(env, config), true);
    BrokerTransactionLimit.check(settings);
    ContractCatalog catalog =
        ContractCatalog.load(settings.contractsDir(), settings.contractsDirIsDefault());
    Schema.migrate(settings.jdbc().resolve());
    DriftgateJob.configure(env, settings);
    DriftgatePipeline.build(
        env, settings, catalog, new ChaosEnds(new KafkaEnds(settings, catalog), plan));
    return env;
  }

  @Override
  public DataStream<SourceRecord> records(StreamExecutionEnvironment env) {
    DataStream<SourceRecord> records = delegate.records(env);
    return records
        .map(
            new FailingMap<SourceRecord>(
                plan.run(),
                "record",
                plan.records(),
                r -> r.originPartition() + "@" + r.originOffset(),
                plan.recordPace()))
        .returns(records.getType())
        .uid("chaos-records")
        .name("Chaos: fail at records");
  }

  /** The outcomes as the production ends read them: no failure is injected there. */
  @Override
  public DataStream<OutcomeRead> outcomes(StreamExecutionEnvironment env) {
    return delegate.outcomes(env);
  }

  @Override
  public DataStream<ControlRecord> control(StreamExecutionEnvironment env) {
    DataStream<ControlRecord> control = delegate.control(env);
    return control
        .map(
            new FailingMap<ControlRecord>(
                plan.run(),
                "command",
                plan.commands(),
                ChaosEnds::position,
                FailingMap.Pace.FULL_SPEED))
        .returns(control.getType())
        .uid("chaos-control")
        .name("Chaos: fail at commands")
        .setParallelism(control.getParallelism());
  }

  @Override
  public Duration outOfOrderness() {
    return delegate.outOfOrderness();
  }

  @Override
  public boolean bounded() {
    return delegate.bounded();
  }

  @Override
  public void deadLetters(DataStream<DeadLetter> deadLetters) {
    delegate.deadLetters(deadLetters);
  }

  @Override
  public void rolloutEvents(DataStream<Decision> decisions) {
    delegate.rolloutEvents(
        decisions
            .map(
                new FailingMap<Decision>(
                    plan.run(),
                    "decision",
                    plan.decisions(),
                    d -> "decisions@" + d.sequence(),
                    FailingMap.Pace.FULL_SPEED))
            .returns(decisions.getType())
            .uid("chaos-decisions")
            .name("Chaos: fail at decisions"));
  }

  @Override
  public void driftResults(DataStream<Evaluation> evaluations) {
    delegate.driftResults(evaluations);
  }

  @Override
  public void routing(DataStream<RoutingUpdate> updates) {
    delegate.routing(updates);
  }

  /** {@code control@<offset>}, from the record's origin {@code <topic>-<partition>@<offset>}. */
  private static String position(ControlRecord control) {
    return "control" + control.origin().substring(control.origin().lastIndexOf('@'));
  }
}
