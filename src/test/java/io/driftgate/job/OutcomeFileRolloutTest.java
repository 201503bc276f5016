package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeEmitter;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outcomes' bounded source through the job ({@code driftgate.sources.outcomes}): a rollout
 * whose consumers' outcomes come from a JSON-lines file rather than the outcomes topic. The file's
 * outcomes are counted in the outcome gate's cohorts, its malformed lines are dead letters with the
 * topic's reasons and the line as their origin, and every line read is accounted for: outcomes in =
 * counted + uncounted + unjudged + rejected.
 */
class OutcomeFileRolloutTest {

  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      TestJobs.miniCluster(METRICS.addToConfiguration(new Configuration()));

  private static final int CONSUMERS = 200;
  private static final int MINUTES = 6;

  private JdbcSettings db;
  private TestJobs.Topics topics;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
    topics =
        new TestJobs.Topics("outcome-file-" + UUID.randomUUID().toString().substring(0, 8))
            .create(KAFKA);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void outcomesFromAFileAreCountedAndItsMalformedLinesDeadLettered(@TempDir Path dir)
      throws Exception {
    Path contracts = Files.createDirectory(dir.resolve("contracts"));
    Files.writeString(
        contracts.resolve("it.features.yaml"),
        Files.readString(Path.of("src/test/resources/it-contracts/it.features.yaml"))
            .replace(
                "\nx-driftgate:\n",
                "\nx-driftgate:\n  outcomes:\n    model_score: { test: mean, harm: decrease,"
                    + " relativeEffectFloor: 0.05, minSamples: 20 }\n"));
    List<String> lines = outcomeLines();
    int scores = lines.size();
    lines.add("");
    lines.add(
        "{\"dataset\":\"it.features\",\"metric\":\"model_score\",\"value\":0.5,"
            + "\"event_time\":"
            + ItRecords.minute(2).toEpochMilli()
            + "}");
    int missingKeyRow = lines.size();
    lines.add("not json");
    int malformedRow = lines.size();
    lines.add(
        new String(
            OutcomeEmitter.json(
                Outcome.of(
                    ItRecords.DATASET,
                    "clicks",
                    "user-1",
                    1.0,
                    ItRecords.minute(MINUTES - 1).toEpochMilli(),
                    null)),
            StandardCharsets.UTF_8));
    Path file = dir.resolve("outcomes.jsonl");
    Files.write(file, lines);
    // The file's modification time is its lines' Kafka timestamp (the FUTURE check): a fixed
    // instant after the fixtures, not the day the test runs.
    Files.setLastModifiedTime(file, FileTime.from(ItRecords.minute(24 * 60)));

    TestJobs.produce(
        KAFKA,
        topics.records(),
        ItRecords.rows(5, Stream.healthy("v1", 0, MINUTES), Stream.healthy("v2", 0, MINUTES)));
    // The rollout starts at minute 1: the outcomes of minute 0 come before any rollout.
    KAFKA.produce(
        topics.control(),
        ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
        ControlJson.toBytes(
            new Command.Start(
                "c-start-v2",
                ItRecords.DATASET,
                "release-bot",
                ItRecords.minute(1),
                "v2",
                "v1",
                null)),
        ItRecords.minute(1).toEpochMilli());

    Configuration config =
        TestJobs.config(KAFKA, db, topics, topics.prefix() + "-job", contracts.toString(), true, 2);
    // No such topic: the outcomes come from the file alone.
    config.set(DriftgateOptions.OUTCOMES_TOPIC, topics.prefix() + "-no-outcomes-topic");
    config.set(DriftgateOptions.OUTCOMES_SOURCE, file.toString());
    JobExecutionResult result = DriftgateJob.run(config);

    Map<String, String> fromTheFile =
        TestJobs.jsonValues(KAFKA, topics.deadLetters()).stream()
            .filter(l -> l.get("origin").asText().startsWith("file:"))
            .collect(
                Collectors.toMap(
                    l -> l.get("origin").asText(),
                    l -> l.get("reason").asText(),
                    (a, b) -> a + "," + b,
                    TreeMap::new));
    String origin = "file:" + file.toAbsolutePath();
    assertThat(fromTheFile)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                origin + "#row=" + missingKeyRow, "MISSING_COHORT_KEY",
                origin + "#row=" + malformedRow, "MALFORMED_JSON"));

    long in = counter(result, s -> s.endsWith("." + JobMetrics.OUTCOMES_IN));
    long counted = counter(result, s -> s.endsWith("." + JobMetrics.OUTCOMES_COUNTED));
    long uncounted = counter(result, s -> s.endsWith("." + JobMetrics.OUTCOMES_UNCOUNTED));
    long unjudged = counter(result, s -> s.endsWith("." + JobMetrics.OUTCOMES_UNJUDGED));
    long rejected =
        counter(
            result,
            s ->
                s.matches(
                    ".*\\.rejected\\.reason\\.[A-Z_]+\\." + JobMetrics.REJECTED_OUTCOMES + "$"));
    assertThat(in).as("every non-blank line").isEqualTo(scores + 3);
    assertThat(rejected).isEqualTo(2);
    assertThat(unjudged).as("clicks has no gate").isEqualTo(1);
    assertThat(counted).as("outcomes in the cohorts of the rollout").isPositive();
    assertThat(counter(result, s -> s.endsWith(".reason.NO_ROLLOUT.outcomes_uncounted")))
        .as("minute 0's, before the start")
        .isGreaterThanOrEqualTo(CONSUMERS);
    assertThat(in)
        .as("in = counted + uncounted + unjudged + rejected")
        .isEqualTo(counted + uncounted + unjudged + rejected);

    List<JsonNode> outcomeResults = new ArrayList<>();
    for (JsonNode evaluation : TestJobs.jsonValues(KAFKA, topics.drift())) {
      for (JsonNode gate : evaluation.get("results")) {
        if (gate.get("gate").asText().equals("outcome:model_score")) {
          outcomeResults.add(gate);
        }
      }
    }
    assertThat(outcomeResults)
        .as("the outcome gate judged the file's outcomes")
        .anySatisfy(
            gate -> {
              assertThat(gate.get("candidate_count").asLong()).isPositive();
              assertThat(gate.get("baseline_count").asLong()).isPositive();
            });
  }

  /**
   * Every consumer reports a score each minute, in event-time order as a consumer's log would hold
   * them; exposed and control consumers score alike.
   */
  private static List<String> outcomeLines() {
    List<String> lines = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(17);
    for (int m = 0; m < MINUTES; m++) {
      for (int i = 0; i < CONSUMERS; i++) {
        long at = ItRecords.minute(m).toEpochMilli() + (60_000L * i) / CONSUMERS;
        Outcome outcome =
            Outcome.of(
                ItRecords.DATASET,
                "model_score",
                "user-" + i,
                0.5 + 0.1 * random.nextGaussian(),
                at,
                null);
        lines.add(new String(OutcomeEmitter.json(outcome), StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  /** The sum of the job's driftgate counters whose scoped name {@code name} accepts. */
  private static long counter(JobExecutionResult result, Predicate<String> name) {
    return TestJobs.counterSum(METRICS, result, name);
  }
}
