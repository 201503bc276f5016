package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.routing.CohortHash;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.RoutingStore;
import io.driftgate.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code resolve} read what the job wrote. Two datasets: the customer profile,
 * whose rollout of v2 was rolled back, and payments, with v8 at its third stage (25%).
 */
abstract class AbstractStatusCommandTest {

  static final String PROFILE = "features.customer_profile";
  static final String PAYMENTS = "payments.transactions";
  static final String SALT = "payments-v8";
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @TempDir Path dir;

  JdbcSettings database;

  abstract JdbcSettings newDatabase();

  @BeforeEach
  void writeWhatTheJobWrites() throws Exception {
    database = newDatabase();
    DecisionStore decisions = new DecisionStore(database);
    decisions.ensureAlias(PROFILE, "v1", T0);
    decisions.ensureAlias(PAYMENTS, "v7", T0);
    decisions.apply(
        decision(
            1,
            DecisionKind.STARTED,
            Phase.PENDING,
            Phase.STAGE,
            100,
            ProgressReason.COMMANDED,
            "started v2 against v1",
            List.of(),
            "ada",
            T0.plus(Duration.ofMinutes(1))));
    Instant windowEnd = T0.plus(Duration.ofMinutes(40));
    Evidence evidence =
        new Evidence(
            "ks-sketch",
            0.081,
            0.03,
            0.01,
            0.0004,
            Double.NaN,
            0.002,
            0.0125,
            20_000,
            19_000,
            windowEnd.minus(Duration.ofMinutes(10)),
            windowEnd);
    decisions.apply(
        decision(
            2,
            DecisionKind.ROLLED_BACK,
            Phase.STAGE,
            Phase.ROLLED_BACK,
            0,
            RollbackReason.PERSISTENT_BREACH,
            "drift:age breached 3 windows in a row",
            List.of(new GateResult("drift:age", "age", Verdict.BREACH, false, evidence)),
            Decision.AUTOMATIC,
            windowEnd.plusSeconds(1)));
    RoutingStore routing = new RoutingStore(database);
    routing.upsert(
        new RoutingEntry(PROFILE, "v1", null, 0, "profile-v2", RoutingEntry.NO_STAGE),
        2,
        windowEnd.plusSeconds(1));
    routing.upsert(new RoutingEntry(PAYMENTS, "v7", "v8", 2_500, SALT, 2), 5, T0);
  }

  @AfterEach
  void dropDatabase() {
    TestDatabases.release(database);
  }

  private static Decision decision(
      long sequence,
      DecisionKind kind,
      Phase from,
      Phase to,
      int exposure,
      io.driftgate.rollout.Reason reason,
      String message,
      List<GateResult> evidence,
      String actor,
      Instant at) {
    return new Decision(
        UUID.nameUUIDFromBytes((PROFILE + "#" + sequence).getBytes(StandardCharsets.UTF_8)),
        sequence,
        PROFILE,
        "v2",
        "v1",
        kind,
        from,
        to,
        0,
        exposure,
        true,
        reason,
        message,
        evidence,
        actor,
        at);
  }

  /** The JDBC options of {@link #database}; its password, if any, through the environment. */
  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--jdbc-url", database.url()));
    if (database.user() != null) {
      all.addAll(List.of("--jdbc-user", database.user()));
    }
    Map<String, String> env = new HashMap<>();
    if (database.password() != null) {
      env.put("DRIFTGATE_JDBC_PASSWORD", database.password());
    }
    return CliRun.run(env, all.toArray(String[]::new));
  }

  @Test
  void statusShowsAliasesAndRouting() {
    CliRun result = cli("status");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern("features\\.customer_profile +v1 ")
        .containsPattern("payments\\.transactions +v7 ")
        .containsPattern("payments\\.transactions +v7 +v8 +25\\.00% +3")
        .containsPattern("features\\.customer_profile +v1 +- +0\\.00% +-")
        .doesNotContain("rollout_event");
  }

  @Test
  void statusOfOneDatasetAddsItsHistoryAndDecisions() {
    CliRun result = cli("status", "--dataset", PROFILE, "--events", "5");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("alias_history (features.customer_profile)")
        .contains("rollout_event (features.customer_profile, oldest first)")
        .containsPattern("#1 +2026-03-02 08:01 v2 +STARTED +1\\.00% +stage 1 +COMMANDED +ada")
        .containsPattern(
            "#2 +2026-03-02 08:40 v2 +ROLLED_BACK +0\\.00% +stage 1 +PERSISTENT_BREACH +driftgate")
        .contains("        drift:age breached 3 windows in a row")
        .contains(
            "evidence drift:age (ks-sketch): 0.0810 vs threshold 0.0300, p 4.00e-04, n 20000 vs"
                + " 19000, window 2026-03-02 08:30 to 2026-03-02 08:40")
        .as("the rollback names the candidate it withdrew and the version it restored")
        .containsPattern("ROLLED_BACK +v2 +-> v1");
    assertThat(result.out().indexOf("#1 ")).isLessThan(result.out().indexOf("#2 "));
  }

  @Test
  void statusShowsOnlyTheLatestEvents() {
    CliRun result = cli("status", "--dataset", PROFILE, "--events", "1");

    assertThat(result.out()).contains("#2 ").doesNotContain("#1 ");
  }

  @Test
  void resolveAnswersLikeTheConsumersResolver() {
    String exposed = keyWhere(bucket -> bucket < 2_500);
    String unexposed = keyWhere(bucket -> bucket >= 2_500);

    assertThat(cli("resolve", PAYMENTS, exposed).out()).isEqualTo("v8" + System.lineSeparator());
    assertThat(cli("resolve", PAYMENTS, unexposed).out().strip()).isEqualTo("v7");
    assertThat(cli("resolve", PROFILE, exposed).out().strip()).isEqualTo("v1");
  }

  @Test
  void resolveOfAnUnknownDatasetExitsOne() {
    CliRun result = cli("resolve", "nobody.knows", "k");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("'nobody.knows' has neither a routing entry");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void thePasswordCanComeFromAFile() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, (database.password() == null ? "" : database.password()) + "\n");
    List<String> args =
        new ArrayList<>(List.of("status", "--jdbc-url", database.url(), "--jdbc-password-file"));
    args.add(file.toString());
    if (database.user() != null) {
      args.addAll(List.of("--jdbc-user", database.user()));
    }

    CliRun result = CliRun.run(Map.of(), args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("payments.transactions");
  }

  @Test
  void jdbcSettingsComeFromTheEnvironmentAndThereIsNoPasswordOption() {
    Map<String, String> env = new HashMap<>();
    env.put("DRIFTGATE_JDBC_URL", database.url());
    if (database.user() != null) {
      env.put("DRIFTGATE_JDBC_USER", database.user());
    }
    if (database.password() != null) {
      env.put("DRIFTGATE_JDBC_PASSWORD", database.password());
    }

    assertThat(CliRun.run(env, "resolve", PROFILE, "k").out().strip()).isEqualTo("v1");
    CliRun withPassword = CliRun.run(env, "status", "--jdbc-password", "secret");
    assertThat(withPassword.exitCode()).isEqualTo(2);
    assertThat(withPassword.err()).contains("Unknown option").contains("'--jdbc-password'");
  }

  @Test
  void missingJdbcUrlExitsTwo() {
    CliRun result = CliRun.run(Map.of(), "status");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--jdbc-url or $DRIFTGATE_JDBC_URL is required");
  }

  private static String keyWhere(java.util.function.IntPredicate bucket) {
    return IntStream.range(0, 10_000)
        .mapToObj(i -> "consumer-" + i)
        .filter(key -> bucket.test(CohortHash.bucket(SALT, key)))
        .findFirst()
        .orElseThrow();
  }
}
