package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;

/** {@code register} and {@code resolve --with-location} on H2 in PostgreSQL mode, the demo's. */
class H2RegisterCommandTest extends AbstractRegisterCommandTest {

  @Override
  JdbcSettings newDatabase() {
    return TestDatabases.h2();
  }
}
