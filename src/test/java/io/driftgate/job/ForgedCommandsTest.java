package io.driftgate.job;

import static io.driftgate.job.ItRecords.minute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.auth.CommandSignatures;
import io.driftgate.auth.KeyFiles;
import io.driftgate.auth.SigningKey;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.ControlSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's attacks on the control topic, through the real pipeline, Kafka and PostgreSQL, with
 * signed commands required and the contract's control policy of {@code it-contracts-signed}: the
 * forged pair that moved the alias to vEVIL, the forged one-stage plan, a key used for another
 * actor, an actor the policy does not allow, a copy of a command, a command sent an hour late, an
 * approval of one's own rollout, and the same rollout commanded by the right people, which runs and
 * is promoted. The alias moves once, to the version the real rollout promoted.
 */
class ForgedCommandsTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts-signed";
  private static final String DATASET = ItRecords.DATASET;

  @TempDir static Path keys;

  private static SigningKey alice;
  private static SigningKey bob;
  private static SigningKey mallory;

  private JdbcSettings db;
  private TestJobs.Topics topics;

  @BeforeAll
  static void generateKeys() throws IOException {
    alice = SigningKey.read(KeyFiles.generate("alice", keys).privateKeyFile());
    bob = SigningKey.read(KeyFiles.generate("bob", keys).privateKeyFile());
    mallory = SigningKey.read(KeyFiles.generate("mallory", keys).privateKeyFile());
  }

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(DATASET, "v1", ItRecords.T0);
    topics =
        new TestJobs.Topics("forged-" + UUID.randomUUID().toString().substring(0, 8)).create(KAFKA);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void onlySignedCommandsOfAllowedActorsWithinTheRulesMoveExposure() throws Exception {
    produce(ItRecords.rows(21, Stream.healthy("v1", 0, 10), Stream.healthy("v2", 0, 10)));
    RolloutPlan everyoneAtOnce =
        new RolloutPlan(List.of(new Stage(10_000, Duration.ZERO, 0, false)), 1_000_000);
    Command start = start("c-start", "alice", 1, "v2", "v1", null);
    byte[] signedStart = signed(start, alice);

    // Issue 11's forged pair and forged plan, unsigned, claiming alice.
    send(ControlJson.toBytes(start("c-evil", "alice", 0.2, "v1", "vEVIL", null)), 0.2);
    send(ControlJson.toBytes(rollback("c-evil-rollback", "alice", 0.3)), 0.3);
    send(ControlJson.toBytes(start("c-evil-plan", "alice", 0.4, "v2", "v1", everyoneAtOnce)), 0.4);
    // Mallory's key, used for alice; then for herself, whom the policy allows nothing.
    send(signed(start("c-as-alice", "alice", 0.5, "v2", "v1", null), mallory), 0.5);
    send(signed(start("c-mallory", "mallory", 0.6, "v2", "v1", null), mallory), 0.6);
    // Alice herself, mistaken: a baseline that is not the alias, and a plan beyond the limits.
    send(signed(start("c-wrong-baseline", "alice", 0.7, "v1", "vEVIL", null), alice), 0.7);
    send(signed(start("c-own-plan", "alice", 0.8, "v2", "v1", everyoneAtOnce), alice), 0.8);
    // The real rollout, a copy of its start, alice approving her own rollout, then bob.
    send(signedStart, 1);
    send(signedStart, 1);
    send(signed(approve("c-approve-self", "alice", 1.1), alice), 1.1);
    send(signed(approve("c-approve", "bob", 1.2), bob), 1.2);
    // A pause signed at minute 1.3 but sent an hour later: it must not stop the rollout.
    send(signed(new Command.Pause("c-late-pause", DATASET, "bob", minute(1.3)), bob), 61.3);

    Configuration config =
        TestJobs.config(KAFKA, db, topics, topics.prefix() + "-job", CONTRACTS, true, 2);
    config.set(DriftgateOptions.CONTROL_AUTH, ControlAuth.Mode.REQUIRED);
    config.set(DriftgateOptions.CONTROL_KEYS, keys.toString());
    DriftgateJob.run(config);

    assertThat(query("SELECT version FROM dataset_alias")).containsExactly(List.of("v2"));
    assertThat(query("SELECT kind, from_version, to_version, outcome FROM alias_history"))
        .as("the alias moved once, by the real rollout's promotion")
        .containsExactly(List.of("PROMOTED", "v1", "v2", "APPLIED"));
    assertThat(
            query(
                "SELECT COUNT(*) FROM cohort_routing WHERE baseline_version = 'vEVIL'"
                    + " OR candidate_version = 'vEVIL'"))
        .containsExactly(List.of("0"));

    assertThat(
            query(
                "SELECT reason, actor, sequence = 0 FROM rollout_event WHERE kind = 'REJECTED'"
                    + " ORDER BY reason, actor"))
        .as("every refused command audited with the actor it claimed")
        .containsExactlyInAnyOrder(
            List.of("UNSIGNED", "alice", "t"),
            List.of("UNSIGNED", "alice", "t"),
            List.of("UNSIGNED", "alice", "t"),
            List.of("WRONG_ACTOR", "alice", "t"),
            List.of("NOT_ALLOWED", "mallory", "t"),
            List.of("REPLAYED", "alice", "t"),
            List.of("STALE", "bob", "t"),
            List.of("BASELINE_NOT_ALIAS", "alice", "f"),
            List.of("PLAN_NOT_ALLOWED", "alice", "f"),
            List.of("FOUR_EYES", "alice", "f"));
    assertThat(query("SELECT message FROM rollout_event WHERE reason = 'NOT_ALLOWED'"))
        .containsExactly(
            List.of(
                "command c-mallory refused: mallory may not start it.features: start is allowed"
                    + " to alice"));
    assertThat(
            query(
                "SELECT kind FROM rollout_event WHERE kind <> 'REJECTED' AND kind <> 'HELD'"
                    + " ORDER BY sequence"))
        .as("the real rollout: started by alice, approved by bob, promoted")
        .extracting(row -> row.get(0))
        .startsWith("STARTED")
        .contains("APPROVED")
        .endsWith("PROMOTED")
        .doesNotContain("PAUSED", "ROLLED_BACK");

    List<JsonNode> deadLetters = values(topics.deadLetters());
    assertThat(deadLetters)
        .extracting(letter -> letter.get("reason").asText())
        .as("what the control step refused is dead-lettered too; the gate's refusals are not")
        .containsExactlyInAnyOrder(
            "UNSIGNED_COMMAND",
            "UNSIGNED_COMMAND",
            "UNSIGNED_COMMAND",
            "WRONG_ACTOR",
            "COMMAND_NOT_ALLOWED",
            "REPLAYED_COMMAND",
            "STALE_COMMAND");
    assertThat(deadLetters)
        .filteredOn(letter -> letter.get("reason").asText().equals("REPLAYED_COMMAND"))
        .singleElement()
        .satisfies(
            letter ->
                assertThat(letter.get("original_text").asText())
                    .isEqualTo(new String(signedStart, StandardCharsets.UTF_8)));
    assertThat(values(topics.events()))
        .filteredOn(event -> event.path("kind").asText().equals("REJECTED"))
        .as("the rollout-events topic carries the refusals like the audit table")
        .hasSize(10);
  }

  // --- helpers ---

  private static Command.Start start(
      String id,
      String actor,
      double atMinute,
      String candidate,
      String baseline,
      RolloutPlan plan) {
    return new Command.Start(id, DATASET, actor, minute(atMinute), candidate, baseline, plan);
  }

  private static Command.Approve approve(String id, String actor, double atMinute) {
    return new Command.Approve(id, DATASET, actor, minute(atMinute), 1);
  }

  private static Command.ManualRollback rollback(String id, String actor, double atMinute) {
    return new Command.ManualRollback(id, DATASET, actor, minute(atMinute), "incident");
  }

  private static byte[] signed(Command command, SigningKey key) {
    return ControlJson.toBytes(
        command, new ControlSignature(key.keyId(), CommandSignatures.sign(command, key)));
  }

  /** One control message, its Kafka timestamp at {@code sentAtMinute}. */
  private void send(byte[] message, double sentAtMinute) {
    Instant sentAt = minute(sentAtMinute);
    KAFKA.produce(
        topics.control(), DATASET.getBytes(StandardCharsets.UTF_8), message, sentAt.toEpochMilli());
  }

  private void produce(List<Produced> rows) {
    TestJobs.produce(KAFKA, topics.records(), rows);
  }

  private static List<JsonNode> values(String topic) {
    return TestJobs.jsonValues(KAFKA, topic);
  }

  private List<List<String>> query(String sql) throws Exception {
    return TestDatabases.rows(db, sql);
  }
}
