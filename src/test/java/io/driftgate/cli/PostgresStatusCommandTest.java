package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;

/** {@code status} and {@code resolve} on a real PostgreSQL (skipped if absent, failed in CI). */
class PostgresStatusCommandTest extends AbstractStatusCommandTest {

  @Override
  JdbcSettings newDatabase() {
    return TestDatabases.postgres();
  }
}
