package io.driftgate.dashboards;

import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.TestJobs;
import io.driftgate.kafka.KafkaBroker;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The real job, unbounded, reading a rollout whose candidate drifts and is rolled back: started on
 * the MiniCluster of the calling test, scraped through the Prometheus reporter while it runs (a
 * finished job's metrics are gone), then cancelled. Event times lie in the last hour, so the audit
 * rows it writes fall into a dashboard's default time range.
 */
final class ScrapedJob {

  static final String DATASET = "it.features";
  static final String CANDIDATE = "v2";
  static final String BASELINE = "v1";
  static final int ROWS_PER_MINUTE = 300;
  static final int MINUTES = 8;
  static final int DRIFT_FROM_MINUTE = 3;

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
    produceRecords(kafka, records);
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

    Configuration config =
        TestJobs.config(kafka, db, topics, prefix, "src/test/resources/it-contracts", false, 1);
    config.set(DriftgateOptions.IDLENESS, Duration.ofSeconds(1));

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
    }
    return scrape;
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
   * Baseline and candidate rows in event-time order; the candidate's x shifts by 2 from minute 3.
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
                    null,
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
