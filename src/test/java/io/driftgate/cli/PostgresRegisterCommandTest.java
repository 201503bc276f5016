package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;

/**
 * {@code register} and {@code resolve --with-location} on a real PostgreSQL (skipped if absent,
 * failed in CI).
 */
class PostgresRegisterCommandTest extends AbstractRegisterCommandTest {

  @Override
  JdbcSettings newDatabase() {
    return TestDatabases.postgres();
  }
}
