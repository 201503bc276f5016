package io.driftgate.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.job.JdbcEndpoint;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.RoutingStore;
import io.driftgate.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DriftgateVersion} answers as the job's {@link VersionResolver} does, key for key. */
class DriftgateVersionTest {

  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
  private static final int KEYS = 20_000;

  private JdbcSettings db;

  @BeforeEach
  void setUp() {
    db = TestDatabases.h2();
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void rowOverloadAgreesWithTheResolverForManyKeys() {
    DriftgateVersion function = new DriftgateVersion();
    for (int exposure : new int[] {0, 1, 100, 1000, 5000, 9999, 10_000}) {
      RoutingEntry entry = new RoutingEntry("d", "v1", "v2", exposure, "salt-" + exposure, 0);
      int exposed = 0;
      for (String key : keys(exposure)) {
        String version = function.eval(key, entry.salt(), "v1", "v2", exposure);
        assertThat(version)
            .as("key %s at %d bp", key, exposure)
            .isEqualTo(VersionResolver.resolve(entry, key));
        exposed += version.equals("v2") ? 1 : 0;
      }
      // 20000 keys: the exposed share is within 5 standard deviations of the exposure.
      double p = exposure / 10_000.0;
      assertThat(Math.abs(exposed - p * KEYS))
          .isLessThanOrEqualTo(5 * Math.sqrt(KEYS * p * (1 - p)) + 1);
    }
  }

  @Test
  void rowOverloadHandlesNullsAsSqlDoes() {
    DriftgateVersion function = new DriftgateVersion();
    assertThat(function.eval("u1", "s", "v1", null, 0)).isEqualTo("v1");
    assertThat(function.eval(null, "s", "v1", "v2", 10_000)).isEqualTo("v1");
    assertThat(function.eval("u1", "s", null, "v2", 10_000)).isNull();
    assertThat(function.eval("u1", "s", "v1", "v2", null)).isNull();
    assertThat(function.eval("u1", "s", "v1", "v2", 10_000)).isEqualTo("v2");
    assertThatThrownBy(() -> function.eval("u1", "s", "v1", "v2", 10_001))
        .hasMessageContaining("exposureBasisPoints is 10001");
  }

  @Test
  void tableOverloadReadsTheRoutingTable() throws Exception {
    RoutingEntry live = new RoutingEntry("d.live", "v1", "v2", 2500, "rollout-7", 1);
    new RoutingStore(db).upsert(live, 3, AT);
    new RoutingStore(db).upsert(new RoutingEntry("d.done", "v4", null, 0, "rollout-3", -1), 9, AT);
    new DecisionStore(db).ensureAlias("d.alias-only", "v9", AT);
    DriftgateVersion function =
        new DriftgateVersion(new JdbcEndpoint(db.url(), db.user(), null, null), Duration.ZERO);

    for (String key : keys(42)) {
      assertThat(function.eval("d.live", key))
          .as(key)
          .isEqualTo(VersionResolver.resolve(live, key));
      assertThat(function.eval("d.done", key)).isEqualTo("v4");
      assertThat(function.eval("d.alias-only", key)).isEqualTo("v9");
    }
    assertThat(function.eval("no.such", "u1")).isNull();
    assertThat(function.eval(null, "u1")).isNull();

    // maxAge 0: a rollback is seen by the next call.
    new RoutingStore(db).upsert(new RoutingEntry("d.live", "v1", null, 0, "rollout-7", -1), 4, AT);
    for (String key : keys(7)) {
      assertThat(function.eval("d.live", key)).isEqualTo("v1");
    }
  }

  @Test
  void tableOverloadWithoutADatabaseSaysWhichParametersToSet() {
    assertThatThrownBy(() -> new DriftgateVersion().eval("d", "u1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("driftgate.jdbc.url");
  }

  private static String[] keys(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = i % 2 == 0 ? "user-" + i : Long.toHexString(random.nextLong());
    }
    return keys;
  }
}
