package io.driftgate.store;

/**
 * Registration and version locations on a real PostgreSQL, each test in its own schema (skipped if
 * absent, failed in CI).
 */
class PostgresLocationTest extends AbstractLocationTest {

  @Override
  JdbcSettings freshDatabase() {
    return TestDatabases.postgres();
  }
}
