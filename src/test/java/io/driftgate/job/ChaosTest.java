package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's chaos suite: rollouts that promote and roll back ({@link TwoRollouts}) through the
 * real job — Kafka in and out, PostgreSQL — while tasks fail and database sessions are killed, end
 * in exactly the tables and the committed rollout-events log of a run without failures: nothing
 * lost, nothing duplicated.
 *
 * <p>Two kinds of failure, at points drawn from one seed:
 *
 * <ul>
 *   <li>task failures, from {@link ChaosEnds}' failing maps: at {@value #RECORD_FAILURES} records
 *       (one drawn from each equal slice of the input, so they spread over both rollouts), at
 *       {@value #COMMAND_FAILURES} commands, and at {@value #DECISION_FAILURES} decisions on their
 *       way to the rollout-events sink (sequences of the run without failures). Each point fails
 *       once, in an attempt of the job of its own ({@link FailingMap}), so each is one restart:
 *       Flink restarts the job from its last checkpoint (every {@link #CHECKPOINT_INTERVAL}, so
 *       most failures fall between two), up to 1000 times with 100 ms between;
 *   <li>the job's PostgreSQL sessions terminated with {@code pg_terminate_backend} every 50 to 400
 *       ms ({@link SessionKiller}); the JDBC sinks retry on a new connection.
 * </ul>
 *
 * The run without failures is the production job ({@link DriftgateJob#run}) over the same input
 * topics, at the same parallelism, into a fresh schema and fresh output topics. What is compared,
 * and the few columns that are not, is {@link RunOutputs}'.
 */
class ChaosTest {

  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      TestJobs.miniCluster(METRICS.addToConfiguration(new Configuration()));

  private static final String CONTRACTS = "src/test/resources/it-contracts";
  private static final long SEED = 20260310L;
  private static final int PARALLELISM = 2;
  private static final int RECORD_FAILURES = 18;
  private static final int COMMAND_FAILURES = 2;
  private static final int DECISION_FAILURES = 4;
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);
  private static final Duration JOB_DEADLINE = Duration.ofMinutes(6);

  private final List<JdbcSettings> databases = new ArrayList<>();

  @AfterEach
  void dropSchemas() {
    databases.forEach(TestDatabases::release);
  }

  @Test
  void rolloutsDecideExactlyAsWithoutFailuresWhileTasksFailAndSessionsAreKilled() throws Exception {
    String run = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    TestJobs.Topics inputs = new TestJobs.Topics(run);
    TwoRollouts.createInputs(KAFKA, inputs);
    TwoRollouts.produce(KAFKA, inputs, SEED);

    JdbcSettings calmDb = database();
    TestJobs.Topics calmOutputs = outputs(inputs, "calm");
    DriftgateJob.run(config(inputs, calmDb, calmOutputs));
    RunOutputs calm = RunOutputs.of(calmDb, KAFKA, calmOutputs);
    assertThat(calm.decisionLog())
        .as("the input promotes one candidate and rolls another back")
        .anyMatch(m -> m.contains("\"kind\":\"PROMOTED\""))
        .anyMatch(m -> m.contains("\"kind\":\"ROLLED_BACK\""));

    Random random = new Random(SEED);
    ChaosEnds.Plan plan =
        new ChaosEnds.Plan(
            run,
            recordPoints(random),
            commandPoints(random),
            decisionPoints(calm, random),
            new FailingMap.Pace(2, 1));
    JdbcSettings chaosDb = database();
    TestJobs.Topics chaosOutputs = outputs(inputs, "chaos");
    Configuration config = config(inputs, chaosDb, chaosOutputs);
    config.set(
        DriftgateOptions.JDBC_URL, SessionKiller.named(chaosDb.url(), run.replace('-', '_')));
    config.set(DriftgateOptions.CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL);
    config.set(DriftgateOptions.JDBC_RETRY_INITIAL_BACKOFF, Duration.ofMillis(20));
    config.set(DriftgateOptions.JDBC_RETRY_MAX_BACKOFF, Duration.ofMillis(200));
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));

    long started = System.nanoTime();
    int kills;
    int killRounds;
    long restarts;
    long checkpoints;
    JobClient job = ChaosEnds.prepare(config, plan).executeAsync("chaos");
    try (SessionKiller killer =
        new SessionKiller(
                TestDatabases.postgresServer(),
                run.replace('-', '_'),
                SEED,
                Duration.ofMillis(50),
                Duration.ofMillis(400))
            .start()) {
      job.getJobExecutionResult().get(JOB_DEADLINE.toSeconds(), TimeUnit.SECONDS);
      restarts = jobGauge(job, "numRestarts");
      checkpoints = jobGauge(job, "numberOfCompletedCheckpoints");
      kills = killer.kills();
      killRounds = killer.rounds();
    } catch (TimeoutException e) {
      job.cancel().get();
      throw new AssertionError("the chaos run did not finish within " + JOB_DEADLINE, e);
    }
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    RunOutputs chaos = RunOutputs.of(chaosDb, KAFKA, chaosOutputs);
    Map<String, Integer> fired = InjectedFailures.firedByKind(run);
    int taskFailures = fired.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "chaos run: %d s, task failures %s (%d of %d planned), %d job restarts, %d checkpoints"
            + " completed, %d sessions killed in %d rounds; %s%n",
        seconds,
        fired,
        taskFailures,
        plan.size(),
        restarts,
        checkpoints,
        kills,
        killRounds,
        calm.sizes());

    assertThat(chaos.differencesFrom(calm))
        .as("tables and committed topics of the chaos run against the run without failures")
        .isEmpty();
    assertThat(taskFailures).as("failure points that fired").isEqualTo(plan.size());
    assertThat(restarts)
        .as("job restarts, one per failure point")
        .isGreaterThanOrEqualTo(plan.size());
    assertThat(kills).as("sessions killed").isPositive();
    assertThat(restarts + kills).as("failures in all").isGreaterThanOrEqualTo(20);
  }

  /** A gauge of the job as a whole, e.g. {@code numRestarts}; -1 if it is not reported. */
  private static long jobGauge(JobClient job, String name) {
    return METRICS
        .findMetric(job.getJobID(), ".*\\." + name)
        .map(metric -> ((Gauge<?>) metric).getValue())
        .map(value -> ((Number) value).longValue())
        .orElse(-1L);
  }

  /** One record from each of {@value #RECORD_FAILURES} equal slices of the input. */
  private static Set<String> recordPoints(Random random) {
    int records = TwoRollouts.records(SEED).size();
    Set<String> points = new TreeSet<>();
    for (int slice = 0; slice < RECORD_FAILURES; slice++) {
      int from = slice * records / RECORD_FAILURES;
      int until = (slice + 1) * records / RECORD_FAILURES;
      int index = from + random.nextInt(until - from);
      // TwoRollouts writes record i to partition i % n, where it gets offset i / n.
      points.add(
          (index % TwoRollouts.RECORD_PARTITIONS) + "@" + (index / TwoRollouts.RECORD_PARTITIONS));
    }
    return points;
  }

  /** Commands by their offset in the control topic. */
  private static Set<String> commandPoints(Random random) {
    List<Integer> offsets = new ArrayList<>();
    for (int offset = 0; offset < TwoRollouts.commands().size(); offset++) {
      offsets.add(offset);
    }
    Collections.shuffle(offsets, random);
    Set<String> points = new TreeSet<>();
    offsets.subList(0, COMMAND_FAILURES).forEach(offset -> points.add("control@" + offset));
    return points;
  }

  /** Decisions by sequence, among those of the run without failures: the chaos run makes them. */
  private static Set<String> decisionPoints(RunOutputs calm, Random random) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Long> sequences = new ArrayList<>();
    for (String message : calm.decisionLog()) {
      String value = message.substring(message.indexOf('|', message.indexOf('|') + 1) + 1);
      sequences.add(json.readTree(value).get("sequence").asLong());
    }
    sequences = new ArrayList<>(new TreeSet<>(sequences));
    Collections.shuffle(sequences, random);
    Set<String> points = new TreeSet<>();
    sequences.subList(0, DECISION_FAILURES).forEach(s -> points.add("decisions@" + s));
    return points;
  }

  private static Configuration config(
      TestJobs.Topics inputs, JdbcSettings db, TestJobs.Topics outputs) {
    Configuration config =
        TestJobs.config(KAFKA, db, outputs, outputs.prefix(), CONTRACTS, true, PARALLELISM);
    config.set(DriftgateOptions.RECORDS_TOPIC, inputs.records());
    config.set(DriftgateOptions.CONTROL_TOPIC, inputs.control());
    return config;
  }

  private static TestJobs.Topics outputs(TestJobs.Topics inputs, String name) {
    return TwoRollouts.createOutputs(KAFKA, new TestJobs.Topics(inputs.prefix() + "-" + name));
  }

  private JdbcSettings database() throws Exception {
    JdbcSettings db = TestDatabases.postgres();
    databases.add(db);
    TwoRollouts.seedAlias(db);
    return db;
  }
}
