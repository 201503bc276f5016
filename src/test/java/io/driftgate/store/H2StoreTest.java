package io.driftgate.store;

/** The stores on the embedded demo database: H2 in PostgreSQL mode. */
class H2StoreTest extends AbstractStoreTest {

  @Override
  JdbcSettings freshDatabase() {
    return TestDatabases.h2();
  }

  @Override
  JdbcSettings emptyDatabase() {
    return TestDatabases.emptyH2();
  }
}
