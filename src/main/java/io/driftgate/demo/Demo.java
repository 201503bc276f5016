package io.driftgate.demo;

import io.driftgate.job.ContractCatalog;
import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.DriftgatePipeline;
import io.driftgate.job.JobSettings;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.Schema;
import io.driftgate.store.StatusReader;
import io.driftgate.store.StatusReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The zero-setup demo: the real pipeline in a local MiniCluster (web UI on), fed by {@link
 * DemoScenario}, writing the alias table and audit log to an in-memory H2 database in PostgreSQL
 * mode. No Kafka, no PostgreSQL: only a JDK.
 */
public final class Demo {

  /** About 25 s of records: long enough to watch in the web UI, short enough to wait for. */
  static final double RECORDS_PER_SECOND = 20_000;

  static final String PROMETHEUS_REPORTER =
      "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

  private Demo() {}

  public static void main(String[] args) throws Exception {
    run(Path.of(args.length > 0 ? args[0] : "contracts"), RECORDS_PER_SECOND, System.out);
  }

  /**
   * Runs the scenario and prints the timeline, then the alias table and the audit log.
   *
   * @param contracts the contracts directory (the repository's {@code contracts/})
   * @param recordsPerSecond the generator's rate
   * @return the database it wrote, still open for inspection until the JVM exits
   */
  public static JdbcSettings run(Path contracts, double recordsPerSecond, PrintStream out)
      throws Exception {
    String url =
        "jdbc:h2:mem:driftgate-demo-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    Configuration config = new Configuration();
    config.set(DriftgateOptions.JDBC_URL, url);
    config.set(DriftgateOptions.CONTRACTS_DIR, contracts.toString());
    config.set(DriftgateOptions.EVALUATION_TICK, DemoScenario.TICK);
    config.set(DriftgateOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5));
    JobSettings settings = JobSettings.from(config, false);
    ContractCatalog catalog =
        ContractCatalog.load(settings.contractsDir(), settings.contractsDirIsDefault());
    JdbcSettings jdbc = settings.jdbc().resolve();
    Schema.migrate(jdbc);
    new DecisionStore(jdbc).ensureAlias(DemoScenario.DATASET, "v1", DemoScenario.T0);

    DemoScenario scenario = new DemoScenario();
    Configuration flink = new Configuration();
    int port = freePort(8081, 8099);
    flink.set(RestOptions.PORT, port);
    // The Prometheus reporter on the first free port of the range, as on the cluster (RECIPES.md).
    int metricsPort = Math.max(freePort(9249, 9260), 9249);
    flink.setString("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER);
    flink.setString("metrics.reporter.prom.port", metricsPort + "-9260");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
    env.setParallelism(1);
    DriftgateJob.configure(env, settings);
    DriftgatePipeline.build(
        env, settings, catalog, new DemoEnds(scenario, recordsPerSecond, catalog));

    out.printf(
        Locale.ROOT,
        "driftgate demo: %s is at v1; v2 and v3 roll out, %,d records at %,.0f/s.%n"
            + "Flink web UI: http://localhost:%d%n"
            + "Prometheus metrics: http://localhost:%d/metrics%n%n"
            + "event  ver kind              exposure        reason: message%n",
        DemoScenario.DATASET,
        scenario.records(),
        recordsPerSecond,
        port,
        metricsPort);
    try (Connection keepAlive = jdbc.connect()) {
      JobClient job = env.executeAsync("driftgate demo");
      job.getJobExecutionResult().get();
      printTables(new StatusReader(jdbc), out);
    }
    return jdbc;
  }

  static void printTables(StatusReader reader, PrintStream out) throws Exception {
    StatusReport report = new StatusReport(reader, out);
    out.println();
    report.aliases();
    out.println();
    report.routing();
    out.println();
    report.history(DemoScenario.DATASET);
    out.println();
    report.events(DemoScenario.DATASET, 1_000);
  }

  private static int freePort(int from, int to) {
    for (int port = from; port <= to; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        return port;
      } catch (IOException busy) {
        // try the next one
      }
    }
    return 0;
  }
}
