package io.driftgate.store;

/**
 * The stores on a real PostgreSQL, each test in its own schema; see {@link TestDatabases} for where
 * it connects and what happens when it cannot.
 */
class PostgresStoreTest extends AbstractStoreTest {

  @Override
  JdbcSettings freshDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  JdbcSettings emptyDatabase() {
    return TestDatabases.emptyPostgres();
  }
}
