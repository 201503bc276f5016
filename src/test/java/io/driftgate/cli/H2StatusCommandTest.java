package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;

/** {@code status} and {@code resolve} on H2 in PostgreSQL mode, the demo's database. */
class H2StatusCommandTest extends AbstractStatusCommandTest {

  @Override
  JdbcSettings newDatabase() {
    return TestDatabases.h2();
  }
}
