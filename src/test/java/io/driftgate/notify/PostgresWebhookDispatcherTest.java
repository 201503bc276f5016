package io.driftgate.notify;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;

/** Skipped with a message when PostgreSQL is unreachable, except with {@code CI=true}. */
class PostgresWebhookDispatcherTest extends AbstractWebhookDispatcherTest {
  @Override
  JdbcSettings database() {
    return TestDatabases.postgres();
  }
}
