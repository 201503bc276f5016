package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeEmitter;
import io.driftgate.rollout.Command;
import io.driftgate.routing.CohortHash;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's first acceptance point through the job: Kafka in and out, PostgreSQL. v2's records are
 * drawn as v1's, but the model score its exposed consumers report is 2% lower; the data gates pass,
 * and the outcome gate rolls v2 back while only stage 1's 10% read it, with the metric, both
 * cohorts' counts and means, the margin and the anytime-valid p-value in the rollback's evidence. A
 * malformed outcome is a dead letter.
 */
class OutcomeRolloutTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final int CONSUMERS = 3_000;
  private static final String SALT = ItRecords.DATASET + "/v2";

  private JdbcSettings db;
  private TestJobs.Topics topics;
  private String outcomesTopic;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
    topics =
        new TestJobs.Topics("outcome-" + UUID.randomUUID().toString().substring(0, 8))
            .create(KAFKA);
    outcomesTopic = topics.prefix() + "-outcomes";
    KAFKA.createTopic(outcomesTopic, 2);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void aTwoPercentLowerScoreForExposedConsumersRollsTheCandidateBack(@TempDir Path contracts)
      throws Exception {
    Files.writeString(
        contracts.resolve("it.features.yaml"),
        Files.readString(Path.of("src/test/resources/it-contracts/it.features.yaml"))
            .replace(
                "\nx-driftgate:\n",
                "\nx-driftgate:\n  outcomes:\n    model_score: { test: mean, harm: decrease,"
                    + " relativeEffectFloor: 0.01, critical: true, minSamples: 500 }\n"));
    TestJobs.produce(
        KAFKA,
        topics.records(),
        ItRecords.rows(3, Stream.healthy("v1", 0, 12), Stream.healthy("v2", 0, 12)));
    produceOutcomes(12);
    KAFKA.produce(
        outcomesTopic,
        "x".getBytes(StandardCharsets.UTF_8),
        "{\"dataset\":\"it.features\",\"metric\":\"model_score\"}".getBytes(StandardCharsets.UTF_8),
        ItRecords.T0.toEpochMilli());
    KAFKA.produce(
        topics.control(),
        ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
        ControlJson.toBytes(
            new Command.Start(
                "c-start-v2",
                ItRecords.DATASET,
                "release-bot",
                ItRecords.minute(0),
                "v2",
                "v1",
                null)),
        ItRecords.T0.toEpochMilli());

    Configuration config =
        TestJobs.config(KAFKA, db, topics, topics.prefix() + "-job", contracts.toString(), true, 2);
    config.set(DriftgateOptions.OUTCOMES_TOPIC, outcomesTopic);
    DriftgateJob.run(config);

    List<JsonNode> decisions = TestJobs.jsonValues(KAFKA, topics.events());
    JsonNode rollback =
        decisions.stream()
            .filter(d -> d.get("kind").asText().equals("ROLLED_BACK"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no rollback in " + decisions));
    assertThat(rollback.get("reason").asText()).isEqualTo("CRITICAL_BREACH");
    JsonNode evidence = rollback.get("evidence").get(0);
    assertThat(evidence.get("gate").asText()).isEqualTo("outcome:model_score");
    assertThat(evidence.get("method").asText()).isEqualTo("mean-difference-msprt");
    assertThat(evidence.get("candidate_mean").asDouble()).isBetween(0.485, 0.495);
    assertThat(evidence.get("baseline_mean").asDouble()).isBetween(0.495, 0.505);
    assertThat(evidence.get("candidate_count").asLong()).isGreaterThanOrEqualTo(500);
    assertThat(evidence.get("baseline_count").asLong())
        .isGreaterThan(evidence.get("candidate_count").asLong());
    assertThat(evidence.get("statistic").asDouble()).isLessThan(-evidence.get("margin").asDouble());
    assertThat(evidence.get("p_value").asDouble())
        .isLessThanOrEqualTo(evidence.get("alpha").asDouble());
    assertThat(
            TestJobs.jsonValues(KAFKA, topics.routing()).stream()
                .map(r -> r.get("exposure_bp").asInt())
                .toList())
        .as("nobody beyond stage 1's 10% read v2")
        .containsOnly(1000, 0);
    assertThat(
            TestDatabases.rows(
                db, "SELECT kind, evidence_gate FROM rollout_event WHERE kind = 'ROLLED_BACK'"))
        .containsExactly(List.of("ROLLED_BACK", "outcome:model_score"));
    assertThat(TestJobs.jsonValues(KAFKA, topics.deadLetters()))
        .extracting(l -> l.get("reason").asText())
        .containsExactly("MISSING_COHORT_KEY");
  }

  /**
   * Every consumer reports a score each minute; those whose bucket puts them in stage 1's 10% read
   * v2 and score 2% lower. (After the rollback nobody is exposed; those outcomes count nowhere.)
   */
  private void produceOutcomes(int minutes) {
    List<ItRecords.Produced> produced = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(13);
    for (int m = 0; m < minutes; m++) {
      for (int i = 0; i < CONSUMERS; i++) {
        String key = "user-" + i;
        boolean exposed = CohortHash.bucket(SALT, key) < 1000;
        double score = 0.5 + 0.1 * random.nextGaussian() + (exposed ? -0.01 : 0);
        long at = ItRecords.minute(m).toEpochMilli() + (60_000L * i) / CONSUMERS;
        Outcome outcome = Outcome.of(ItRecords.DATASET, "model_score", key, score, at, null);
        produced.add(
            new ItRecords.Produced(OutcomeEmitter.key(outcome), OutcomeEmitter.json(outcome), at));
      }
    }
    produced.sort(java.util.Comparator.comparingLong(ItRecords.Produced::timestamp));
    TestJobs.produce(KAFKA, outcomesTopic, produced);
  }
}
