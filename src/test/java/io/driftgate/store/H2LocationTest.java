package io.driftgate.store;

/** Registration and version locations on the embedded demo database: H2 in PostgreSQL mode. */
class H2LocationTest extends AbstractLocationTest {

  @Override
  JdbcSettings freshDatabase() {
    return TestDatabases.h2();
  }
}
