package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.PostgresRoles;
import io.driftgate.store.TestDatabases;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate} as the migrator role, then {@code status} and {@code resolve} as the reader role,
 * on the real PostgreSQL with the roles of {@link PostgresRoles#SCRIPT}: the deployment
 * sql/README.md describes, command by command.
 */
class MigrateCommandTest {

  private static final String DATASET = "features.customer_profile";

  private JdbcSettings admin;
  private PostgresRoles roles;

  @BeforeEach
  void setUp() throws Exception {
    admin = TestDatabases.emptyPostgres();
    roles = PostgresRoles.create(admin);
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      TestDatabases.release(admin);
    } finally {
      if (roles != null) {
        roles.close();
      }
    }
  }

  @Test
  void theMigratorMigratesOnceAndTheReaderReadsWhatTheJobRoleWrote() throws Exception {
    CliRun first = as(roles.migrator(), "migrate");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("schema version 9\n");
    CliRun again = as(roles.migrator(), "migrate");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("schema version 9\n");
    roles.applyScript();

    new DecisionStore(roles.job())
        .ensureAlias(DATASET, "v1", Instant.parse("2026-03-02T08:00:00Z"));
    CliRun resolve = as(roles.reader(), "resolve", DATASET, "consumer-17");
    assertThat(resolve.exitCode()).as(resolve.err()).isZero();
    assertThat(resolve.out()).isEqualTo("v1\n");
    CliRun status = as(roles.reader(), "status", "--dataset", DATASET);
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains(DATASET).contains("v1");
    CliRun registered =
        as(
            roles.job(),
            "register",
            "--dataset",
            "features.orders",
            "--version",
            "v4",
            "--location",
            "warehouse.orders_v4",
            "--actor",
            "alice");
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    CliRun located = as(roles.reader(), "resolve", "--with-location", "features.orders", "k");
    assertThat(located.exitCode()).as(located.err()).isZero();
    assertThat(located.out()).isEqualTo("v4\twarehouse.orders_v4\n");
    CliRun refused =
        as(roles.reader(), "register", "--dataset", "features.other", "--version", "v1");
    assertThat(refused.exitCode()).as("the reader cannot write").isEqualTo(CliException.FAILURE);
    assertThat(refused.err()).contains("cannot register features.other").contains("permission");
  }

  /**
   * Once the script has run after the migration, the job role cannot even read Flyway's history.
   * (Between the first migration and that run, the default privileges let the job role read and
   * write the history table the migration created: hence "run it again after every migration".)
   */
  @Test
  void theJobRoleCannotMigrate() throws Exception {
    assertThat(as(roles.migrator(), "migrate").exitCode()).isZero();
    roles.applyScript();

    CliRun denied = as(roles.job(), "migrate");

    assertThat(denied.exitCode()).isEqualTo(CliException.FAILURE);
    assertThat(denied.err()).contains("cannot migrate driftgate's tables").contains("permission");
  }

  private static CliRun as(JdbcSettings role, String... args) {
    return CliRun.run(
        Map.of(JdbcOptions.URL_ENV, role.url(), JdbcOptions.USER_ENV, role.user()), args);
  }
}
