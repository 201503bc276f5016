package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.RoutingStore;
import io.driftgate.store.TestDatabases;
import io.driftgate.store.VersionLocation;
import io.driftgate.store.VersionLocationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code register} sets the alias of a dataset that has none and records its location; {@code
 * resolve --with-location} prints the version with its location, and {@code resolve} alone prints
 * the version as before.
 */
abstract class AbstractRegisterCommandTest {

  static final String DATASET = "features.customer_profile";
  static final String V1_LOCATION = "warehouse.customer_profile_v1";
  static final String V2_LOCATION = "s3://lake/customer_profile/v2/";
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  JdbcSettings database;

  abstract JdbcSettings newDatabase();

  @BeforeEach
  void openDatabase() {
    database = newDatabase();
  }

  @AfterEach
  void releaseDatabase() {
    TestDatabases.release(database);
  }

  @Test
  void registerSetsTheFirstAliasWhichResolveThenAnswers() throws Exception {
    assertThat(cli("resolve", DATASET, "k").exitCode()).as("unknown before").isEqualTo(1);

    CliRun registered =
        cli(
            "register",
            "--dataset",
            DATASET,
            "--version",
            "v1",
            "--location",
            V1_LOCATION,
            "--actor",
            "alice");

    assertThat(registered.exitCode()).as(registered.err()).isZero();
    assertThat(registered.out())
        .isEqualTo("registered " + DATASET + " at v1, location recorded" + System.lineSeparator());
    assertThat(registered.err()).isEmpty();
    assertThat(
            TestDatabases.rows(
                database, "SELECT dataset, version, generation, reason FROM dataset_alias"))
        .containsExactly(List.of(DATASET, "v1", "1", "REGISTERED"));
    assertThat(
            TestDatabases.rows(
                database,
                "SELECT from_version, to_version, generation, kind, reason, actor, outcome"
                    + " FROM alias_history"))
        .containsExactly(
            Arrays.asList("null", "v1", "1", "PROMOTED", "REGISTERED", "alice", "APPLIED"));
    assertThat(
            TestDatabases.rows(
                database, "SELECT dataset, version, location, recorded_by FROM version_location"))
        .containsExactly(List.of(DATASET, "v1", V1_LOCATION, "alice"));

    assertThat(cli("resolve", DATASET, "k").out()).isEqualTo("v1" + System.lineSeparator());
    assertThat(cli("resolve", "--with-location", DATASET, "k").out())
        .isEqualTo("v1\t" + V1_LOCATION + System.lineSeparator());
  }

  @Test
  void registeringAgainIsIdempotentAndNeverMovesTheAlias() {
    assertThat(register("v1", null).exitCode()).isZero();

    CliRun again = register("v1", null);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out())
        .isEqualTo(DATASET + " already registered at v1" + System.lineSeparator());
    CliRun located = register("v1", V1_LOCATION);
    assertThat(located.exitCode()).isZero();
    assertThat(located.out())
        .isEqualTo(
            DATASET + " already registered at v1, location recorded" + System.lineSeparator());

    CliRun moved = register("v2", V2_LOCATION);
    assertThat(moved.exitCode()).isEqualTo(CliException.FAILURE);
    assertThat(moved.out()).isEmpty();
    assertThat(moved.err())
        .isEqualTo(
            "driftgate register: "
                + DATASET
                + " is registered at v1, not v2: registration never moves an alias; roll v2 out"
                + " instead"
                + System.lineSeparator());

    CliRun conflict = register("v1", V2_LOCATION);
    assertThat(conflict.exitCode()).isEqualTo(CliException.FAILURE);
    assertThat(conflict.err())
        .isEqualTo(
            "driftgate register: version v1 of dataset '"
                + DATASET
                + "' is recorded at '"
                + V1_LOCATION
                + "'; refusing to record it at '"
                + V2_LOCATION
                + "': a version's location never changes (publish the data as a new version)"
                + System.lineSeparator());
    assertThat(cli("resolve", "--with-location", DATASET, "k").out())
        .isEqualTo("v1\t" + V1_LOCATION + System.lineSeparator());
  }

  @Test
  void badArgumentsExitTwo() {
    CliRun blank = register(" ", null);
    assertThat(blank.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(blank.err())
        .isEqualTo("driftgate register: version is blank" + System.lineSeparator());

    CliRun control = register("v1", "a\tb");
    assertThat(control.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(control.err()).contains("holds a control character");

    CliRun missing = cli("register", "--dataset", DATASET);
    assertThat(missing.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(missing.err()).contains("Missing required option: '--version=<version>'");
  }

  @Test
  void resolveWithLocationPrintsTheLocationOfTheVersionEachConsumerReads() throws Exception {
    register("v1", V1_LOCATION);
    new VersionLocationStore(database)
        .record(new VersionLocation(DATASET, "v2", V2_LOCATION, "job", T0));
    new VersionLocationStore(database)
        .record(new VersionLocation(DATASET, "v3", "elsewhere", "job", T0));
    RoutingEntry entry = new RoutingEntry(DATASET, "v1", "v2", 5_000, "rollout-2", 2);
    new RoutingStore(database).upsert(entry, 3, T0);
    register("other.dataset", "v8", null);

    List<String> keys = new ArrayList<>();
    for (int i = 0; keys.size() < 2 || !bothVersions(entry, keys); i++) {
      keys.add("consumer-" + i);
    }
    for (String key : keys) {
      String version = VersionResolver.resolve(entry, key);
      String location = version.equals("v1") ? V1_LOCATION : V2_LOCATION;
      assertThat(cli("resolve", "--with-location", DATASET, key).out())
          .as(key)
          .isEqualTo(version + "\t" + location + System.lineSeparator());
      assertThat(cli("resolve", DATASET, key).out()).isEqualTo(version + System.lineSeparator());
    }
    assertThat(cli("resolve", "--with-location", "other.dataset", "k").out())
        .as("no location recorded: an empty second column")
        .isEqualTo("v8\t" + System.lineSeparator());
  }

  private static boolean bothVersions(RoutingEntry entry, List<String> keys) {
    return keys.stream().map(k -> VersionResolver.resolve(entry, k)).distinct().count() == 2;
  }

  private CliRun register(String version, String location) {
    return register(DATASET, version, location);
  }

  private CliRun register(String dataset, String version, String location) {
    List<String> args =
        new ArrayList<>(List.of("register", "--dataset", dataset, "--version", version));
    if (location != null) {
      args.addAll(List.of("--location", location));
    }
    args.addAll(List.of("--actor", "alice"));
    return cli(args.toArray(String[]::new));
  }

  /** The CLI with {@link #database} in the environment, as an operator's shell would have it. */
  CliRun cli(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put(JdbcOptions.URL_ENV, database.url());
    if (database.user() != null) {
      env.put(JdbcOptions.USER_ENV, database.user());
    }
    if (database.password() != null) {
      env.put(JdbcOptions.PASSWORD_ENV, database.password());
    }
    return CliRun.run(env, args);
  }
}
