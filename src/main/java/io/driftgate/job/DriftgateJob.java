package io.driftgate.job;

import io.driftgate.store.Schema;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production job: Kafka in and out, the alias table over JDBC. Everything it needs comes from
 * {@link DriftgateOptions}; the schema is migrated before the job is submitted, so a job never runs
 * against tables it does not know.
 */
public final class DriftgateJob {

  private DriftgateJob() {}

  public static JobExecutionResult run(Configuration config) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    return env.execute(prepare(env, config).jobName());
  }

  /**
   * Checks the settings, migrates the schema and builds the topology, without running it.
   *
   * @throws IllegalArgumentException naming every bad setting
   */
  public static StreamExecutionEnvironment prepare(Configuration config) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    prepare(env, config);
    return env;
  }

  /**
   * Checks the settings, the Kafka brokers' transaction limit among them, before anything is
   * written to the database or submitted.
   */
  private static JobSettings prepare(StreamExecutionEnvironment env, Configuration config) {
    JobSettings settings = JobSettings.from(effective(env, config), true);
    BrokerTransactionLimit.check(settings);
    ContractCatalog catalog =
        ContractCatalog.load(settings.contractsDir(), settings.contractsDirIsDefault());
    if (settings.migrateSchema()) {
      Schema.migrate(settings.jdbc().resolve());
    }
    configure(env, settings);
    DriftgatePipeline.build(env, settings, catalog, new KafkaEnds(settings, catalog));
    return settings;
  }

  /**
   * The cluster's configuration (its {@code config.yaml}, or a FlinkDeployment's {@code
   * flinkConfiguration}) with the command line's settings on top: {@code driftgate.*} keys may live
   * in either.
   */
  static Configuration effective(StreamExecutionEnvironment env, Configuration commandLine) {
    Configuration effective = Configuration.fromMap(env.getConfiguration().toMap());
    effective.addAll(commandLine);
    return effective;
  }

  /**
   * Checkpointing (exactly-once, unless the cluster configured its own interval) with the timeout
   * the Kafka transactions were sized for, and object reuse: the source hands parsed records to the
   * profiler by reference instead of copying each one.
   */
  public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
    CheckpointConfig checkpoints = env.getCheckpointConfig();
    if (!checkpoints.isCheckpointingEnabled()) {
      env.enableCheckpointing(
          settings.checkpoints().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }
    checkpoints.setCheckpointTimeout(settings.checkpoints().timeout().toMillis());
    env.getConfig().enableObjectReuse();
  }
}
