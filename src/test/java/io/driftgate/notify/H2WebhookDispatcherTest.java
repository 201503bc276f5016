package io.driftgate.notify;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;

class H2WebhookDispatcherTest extends AbstractWebhookDispatcherTest {
  @Override
  JdbcSettings database() {
    return TestDatabases.h2();
  }
}
