package io.driftgate.dashboards;

import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.TestJobs;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeEmitter;
import io.driftgate.rollout.Command;
import io.driftgate.store.JdbcSettings;
import io.driftgate.wire.ControlJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The real job, unbounded, reading a rollout whose candidate drifts and is rolled back: started on
 * the MiniCluster of the calling test, scraped through the Prometheus reporter while it runs (a
 * finished job's metrics are gone), then cancelled. Event times lie in the last hour, so the audit
 * rows it writes fall into a dashboard's default time range. Its contract also has an outcome gate
 * and its consumers report outcomes, so that the outcome panels and alerts have series to name.
 */
final class ScrapedJob {

  static final String DATASET = "it.features";
  static final String CANDIDATE = "v2";
  static final String BASELINE = "v1";
  static final int ROWS_PER_MINUTE = 300;
  static final int MINUTES = 8;
  static final int DRIFT_FROM_MINUTE = 3;

  /** The metric of the contract's outcome gate, {@code outcome:model_score}. */
  static final String METRIC = "model_score";

  /** A metric the consumers report that has no gate: its outcomes are unjudged. */
  static final String UNGATED_METRIC = "clicks";

  /** Consumers reporting an outcome each minute. */
  static final int CONSUMERS = 300;

  /** The version every 50th consumer says it read: one the routing never gives (a mismatch). */
  static final String WRONG_VERSION = "v9";

  /**
   * The integration tests' contract with an outcome gate: scores are drawn alike for both cohorts,
   * so it passes; 10 observations per cohort are enough for stage 1's exposed tenth.
   */
  private static final String OUTCOME_GATE =
      "  outcomes:\n"
          + "    model_score: { test: mean, harm: decrease, effectFloor: 0.05, minSamples: 10 }\n";

  /** The first event-time minute: recent, so {@code now() - 1 hour} covers every decision. */
  static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));

  private ScrapedJob() {}

  /** A free local port for the reporter, chosen before the MiniCluster starts. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** The Prometheus reporter on exactly {@code port}. */
  static Configuration reporter(int port) {
    Configuration config = new Configuration();
    config.setString(
        "metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    config.setString("metrics.reporter.prom.port", String.valueOf(port));
    return config;
  }

  /**
   * Runs the job until {@code done} holds for the scrapes so far (or {@code timeout} passes), then
   * cancels it.
   *
   * @return every metric family seen while it ran
   */
  static Scrape run(
      KafkaBroker kafka, JdbcSettings db, int port, Duration timeout, Predicate<Scrape> done)
      throws Exception {
    String prefix = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    TestJobs.Topics topics = new TestJobs.Topics(prefix).create(kafka);
    String records = topics.records();
    String control = topics.control();
    String outcomes = prefix + "-outcomes";
    kafka.createTopic(outcomes, 1);
    produceRecords(kafka, records);
    produceOutcomes(kafka, outcomes);
    Instant start = minute(1);
    command(
        kafka,
        control,
        new Command.Start("c-start", DATASET, "release-bot", start, CANDIDATE, BASELINE, null));
    command(kafka, control, new Command.Approve("c-approve", DATASET, "alice", start, 1));
    // One unparseable record, so the dead-letter series carry a value.
    kafka.produce(
        records,
        "bad".getBytes(StandardCharsets.UTF_8),
        "{not json".getBytes(StandardCharsets.UTF_8),
        minute(2).toEpochMilli());

    Path contracts = contracts();
    Configuration config =
        TestJobs.config(kafka, db, topics, prefix, contracts.toString(), false, 1);
    config.set(DriftgateOptions.IDLENESS, Duration.ofSeconds(1));
    config.set(DriftgateOptions.OUTCOMES_TOPIC, outcomes);

    JobClient job = DriftgateJob.prepare(config).executeAsync("driftgate-dashboards");
    Scrape scrape = new Scrape();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        try {
          scrape.add(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException notYet) {
          // the reporter starts with the cluster; retry
        }
        if (done.test(scrape)) {
          break;
        }
        Thread.sleep(500);
      }
    } finally {
      job.cancel().get();
      try (Stream<Path> files = Files.list(contracts)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(contracts);
    }
    return scrape;
  }

  /** A directory with the integration tests' contract and {@link #OUTCOME_GATE} in it. */
  private static Path contracts() throws IOException {
    String contract = Files.readString(Path.of("src/test/resources/it-contracts/it.features.yaml"));
    String anchor = "\nx-driftgate:\n";
    if (!contract.contains(anchor)) {
      throw new IllegalStateException("no top-level x-driftgate in it.features.yaml");
    }
    Path dir = Files.createTempDirectory("driftgate-dashboards");
    Files.writeString(
        dir.resolve("it.features.yaml"), contract.replace(anchor, anchor + OUTCOME_GATE));
    return dir;
  }

  /** The number of rows {@code sql} counts, for waiting on the job's writes. */
  static long count(JdbcSettings db, String sql) {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static Instant minute(double minutes) {
    return T0.plusMillis(Math.round(minutes * 60_000));
  }

  private static void command(KafkaBroker kafka, String topic, Command command) {
    kafka.produce(
        topic,
        DATASET.getBytes(StandardCharsets.UTF_8),
        ControlJson.toBytes(command),
        command.at().toEpochMilli());
  }

  /**
   * Each minute every consumer reports a score, drawn alike whichever version it reads, and every
   * tenth a click ({@link #UNGATED_METRIC}: unjudged); every 50th says it read {@link
   * #WRONG_VERSION}. Those of minute 0, before the rollout starts, and those after the rollback are
   * uncounted ({@code NO_ROLLOUT}), as are the exposed consumers' while a routing change settles.
   */
  private static void produceOutcomes(KafkaBroker kafka, String topic) {
    SplittableRandom random = new SplittableRandom(13);
    try (KafkaProducer<byte[], byte[]> producer = kafka.producer(java.util.Map.of())) {
      for (int m = 0; m < MINUTES; m++) {
        for (int i = 0; i < CONSUMERS; i++) {
          String key = "user-" + i;
          long eventTime = T0.toEpochMilli() + m * 60_000L + (60_000L * i) / CONSUMERS;
          String version = i % 50 == 0 ? WRONG_VERSION : null;
          double score = 0.5 + 0.1 * random.nextGaussian();
          send(producer, topic, Outcome.of(DATASET, METRIC, key, score, eventTime, version));
          if (i % 10 == 0) {
            send(producer, topic, Outcome.of(DATASET, UNGATED_METRIC, key, true, eventTime, null));
          }
        }
      }
      producer.flush();
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Outcome outcome) {
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            outcome.eventTimeMillis() + 500,
            OutcomeEmitter.key(outcome),
            OutcomeEmitter.json(outcome)));
  }

  /**
   * Baseline and candidate rows in event-time order; the candidate's x shifts by 2 from minute 3.
   * The baseline's go to partition 0, the candidate's to partition 1: with rows in both, the
   * records move event time to their end before the source goes idle. A partition without them
   * would hold event time back until both went idle together, and the outcomes, which move it too,
   * would then pass the records' windows before they reach the controller (where they would wait
   * for event time to move on, and nothing is produced after the start).
   */
  private static void produceRecords(KafkaBroker kafka, String topic) {
    try (KafkaProducer<byte[], byte[]> producer = kafka.producer(java.util.Map.of())) {
      for (int m = 0; m < MINUTES; m++) {
        for (int r = 0; r < ROWS_PER_MINUTE; r++) {
          for (String version : new String[] {BASELINE, CANDIDATE}) {
            long eventTime = T0.toEpochMilli() + m * 60_000L + r * (60_000L / ROWS_PER_MINUTE);
            SplittableRandom random =
                new SplittableRandom(version.hashCode() * 7919L + m * 977L + r);
            boolean drifted = version.equals(CANDIDATE) && m >= DRIFT_FROM_MINUTE;
            double x = random.nextGaussian() + (drifted ? 2.0 : 0.0);
            String seg = new String[] {"a", "a", "b", "c"}[random.nextInt(4)];
            String y = random.nextDouble() < 0.01 ? "null" : String.valueOf(random.nextDouble());
            String json =
                ("{\"dataset\":\"%s\",\"version\":\"%s\",\"event_time\":%d,\"cohort_key\":\"u%d\","
                        + "\"fields\":{\"id\":\"%s-%d-%d\",\"x\":%s,\"seg\":\"%s\",\"y\":%s}}")
                    .formatted(DATASET, version, eventTime, r % 97, version, m, r, x, seg, y);
            producer.send(
                new ProducerRecord<>(
                    topic,
                    version.equals(BASELINE) ? 0 : 1,
                    eventTime + 500,
                    (DATASET + "@" + version).getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
      producer.flush();
    }
  }
}
