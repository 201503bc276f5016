package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several task managers start at once and, after a failover, may apply the same decision at the
 * same time: the database, not luck, must keep that to one migration and one alias move.
 */
class ConcurrencyTest {

  private static final int WRITERS = 4;

  private JdbcSettings settings;

  @AfterEach
  void release() {
    TestDatabases.release(settings);
  }

  @Test
  void concurrentMigrationsOnPostgresApplyOnce() throws Exception {
    settings = TestDatabases.emptyPostgres();

    List<String> versions = runConcurrently(() -> Schema.migrate(settings));

    assertThat(versions).containsOnly("9");
    try (Connection connection = settings.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void concurrentAppliesOfOneDecisionOnPostgresMoveTheAliasOnce() throws Exception {
    settings = TestDatabases.postgres();
    DecisionStore store = new DecisionStore(settings);
    store.ensureAlias(StoreFixtures.DATASET, StoreFixtures.BASELINE, StoreFixtures.T0);

    List<ApplyOutcome> outcomes = runConcurrently(() -> store.apply(StoreFixtures.promotion(7)));

    assertThat(outcomes).containsOnlyOnce(ApplyOutcome.APPLIED);
    assertThat(outcomes)
        .filteredOn(o -> o != ApplyOutcome.APPLIED)
        .containsOnly(ApplyOutcome.ALREADY_APPLIED);
    AliasRow alias = new StatusReader(settings).aliases().get(0);
    assertThat(alias.generation()).isEqualTo(2);
  }

  private static <T> List<T> runConcurrently(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
