package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.routing.CohortHash;
import io.driftgate.routing.RoutingEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, deliverable 5: the SQL functions of {@code
 * sql/migrations-postgresql/V5__resolve_function.sql} on the real PostgreSQL answer what the Java
 * code answers: {@code driftgate_bucket} is {@link CohortHash#bucket} on 100,000 seeded keys and
 * salts (ASCII, 2-, 3- and 4-byte UTF-8, empty, long with every tail length), and {@code
 * driftgate_resolve} is {@link RoutingTableResolver#resolve}. The keys go to the database as
 * arrays, a few queries in all.
 */
class ResolveFunctionTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String ROUTED = "features.customer_profile";
  private static final String EVERYONE = "features.everyone";
  private static final String ALIAS_ONLY = "features.orders";
  private static final List<String> SALTS =
      List.of("rollout-42", "", "x", "salt-ü-€-😀", "a-salt-longer-than-sixteen-bytes");
  private static final int KEYS_PER_SALT = 20_000;
  private static final int BATCH = 25_000;

  private static JdbcSettings db;

  @BeforeAll
  static void database() {
    db = TestDatabases.postgres();
  }

  @AfterAll
  static void release() {
    TestDatabases.release(db);
  }

  @Test
  void bucketIsCohortHashOnAHundredThousandKeys() throws SQLException {
    List<String> salts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(12);
    for (String salt : SALTS) {
      for (String key : keys(random)) {
        salts.add(salt);
        keys.add(key);
      }
    }
    TreeSet<Integer> longTails = new TreeSet<>();
    for (int i = 0; i < keys.size(); i++) {
      int length = utf8Length(salts.get(i)) + 1 + utf8Length(keys.get(i));
      if (length > 16) {
        longTails.add(length % 16);
      }
    }
    assertThat(keys).hasSizeGreaterThanOrEqualTo(100_000).contains("");
    assertThat(keys).anyMatch(k -> k.codePoints().anyMatch(c -> c > 0xFFFF));
    assertThat(longTails).as("inputs over 16 bytes with every tail length").hasSize(16);

    List<Integer> buckets = new ArrayList<>();
    try (Connection connection = db.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT driftgate_bucket(s, k) FROM unnest(?::text[], ?::text[])"
                    + " WITH ORDINALITY AS input(s, k, i) ORDER BY i")) {
      for (int from = 0; from < keys.size(); from += BATCH) {
        int to = Math.min(from + BATCH, keys.size());
        statement.setArray(1, text(connection, salts.subList(from, to)));
        statement.setArray(2, text(connection, keys.subList(from, to)));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            buckets.add(rows.getInt(1));
          }
        }
      }
    }

    assertThat(buckets).hasSameSizeAs(keys);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      int expected = CohortHash.bucket(salts.get(i), keys.get(i));
      if (buckets.get(i) != expected) {
        mismatches.add(
            "salt '%s' key '%s': SQL %d, Java %d"
                .formatted(salts.get(i), keys.get(i), buckets.get(i), expected));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void resolveIsTheResolverOnTenThousandKeys() throws SQLException {
    RoutingStore routing = new RoutingStore(db);
    routing.upsert(new RoutingEntry(ROUTED, "v1", "v2", 2_500, "rollout-42", 1), 3, T0);
    routing.upsert(new RoutingEntry(EVERYONE, "v7", "v8", 10_000, "r-8", 4), 5, T0);
    new DecisionStore(db).ensureAlias(ALIAS_ONLY, "v41", T0);
    RoutingTableResolver resolver = new RoutingTableResolver(db, Duration.ofHours(1));
    List<String> keys = new ArrayList<>(keys(new SplittableRandom(7)).subList(0, 10_000));
    keys.addAll(List.of(" ", "\t\n", "\u3000", "\u2007", " a ", "\u00a0"));
    keys.add(null);

    for (String dataset : List.of(ROUTED, EVERYONE, ALIAS_ONLY)) {
      List<String> sql = resolveInSql(dataset, keys);
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        String expected = resolver.resolve(dataset, keys.get(i));
        if (!expected.equals(sql.get(i))) {
          mismatches.add("key '%s': SQL %s, Java %s".formatted(keys.get(i), sql.get(i), expected));
        }
      }
      assertThat(mismatches).as(dataset).isEmpty();
    }
    List<String> routed = resolveInSql(ROUTED, keys);
    assertThat(routed.stream().filter("v2"::equals).count())
        .as("about 25% of 10,000 read the candidate")
        .isBetween(2_300L, 2_700L);
    assertThat(routed.subList(10_000, keys.size()))
        .as("blank and null keys read the baseline, U+00A0 and U+2007 are not blank in Java")
        .containsExactly(
            "v1",
            "v1",
            "v1",
            resolver.resolve(ROUTED, "\u2007"),
            resolver.resolve(ROUTED, " a "),
            resolver.resolve(ROUTED, "\u00a0"),
            "v1");
    assertThat(TestDatabases.rows(db, "SELECT driftgate_resolve('" + ALIAS_ONLY + "', NULL)"))
        .containsExactly(List.of("v41"));
  }

  /**
   * {@code driftgate_resolve_location} (V7) is {@link RoutingTableResolver#resolveWithLocation}:
   * the location of the version {@code driftgate_resolve} answers, {@code NULL} when none is
   * recorded, and read in the same statement as that version.
   */
  @Test
  void resolveLocationIsTheResolversLocationOnTwoThousandKeys() throws SQLException {
    String located = "features.located";
    String registered = "features.registered";
    new RoutingStore(db).upsert(new RoutingEntry(located, "v5", "v6", 5_000, "r-6", 2), 4, T0);
    VersionLocationStore locations = new VersionLocationStore(db);
    locations.record(new VersionLocation(located, "v5", "warehouse.sales_v5", "alice", T0));
    locations.record(new VersionLocation(located, "v6", "iceberg:branch=audit-6", "job", T0));
    new DatasetRegistry(db).register(registered, "v9", "file:///data/registered/v9", "alice");
    new DecisionStore(db).ensureAlias(ALIAS_ONLY, "v41", T0);
    RoutingTableResolver resolver = new RoutingTableResolver(db, Duration.ofHours(1));
    List<String> keys = new ArrayList<>(keys(new SplittableRandom(11)).subList(0, 2_000));
    keys.add(null);

    for (String dataset : List.of(located, registered, ALIAS_ONLY)) {
      List<List<String>> sql = new ArrayList<>();
      try (Connection connection = db.connect();
          PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT driftgate_resolve(?, k), driftgate_resolve_location(?, k)"
                      + " FROM unnest(?::text[]) WITH ORDINALITY AS input(k, i) ORDER BY i")) {
        statement.setString(1, dataset);
        statement.setString(2, dataset);
        statement.setArray(3, text(connection, keys));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            sql.add(Arrays.asList(rows.getString(1), rows.getString(2)));
          }
        }
      }
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        ResolvedVersion expected = resolver.resolveWithLocation(dataset, keys.get(i));
        List<String> inJava = Arrays.asList(expected.version(), expected.location());
        if (!inJava.equals(sql.get(i))) {
          mismatches.add("key '%s': SQL %s, Java %s".formatted(keys.get(i), sql.get(i), inJava));
        }
      }
      assertThat(mismatches).as(dataset).isEmpty();
      if (dataset.equals(located)) {
        assertThat(sql)
            .as("both versions are read")
            .contains(List.of("v5", "warehouse.sales_v5"), List.of("v6", "iceberg:branch=audit-6"));
      }
    }
    assertThat(
            TestDatabases.rows(db, "SELECT driftgate_resolve_location('" + registered + "', 'k')"))
        .containsExactly(List.of("file:///data/registered/v9"));
    assertThat(
            TestDatabases.rows(db, "SELECT driftgate_resolve_location('" + ALIAS_ONLY + "', 'k')"))
        .as("no location recorded")
        .containsExactly(Collections.singletonList("null"));
    assertThatThrownBy(
            () -> TestDatabases.rows(db, "SELECT driftgate_resolve_location('nope', 'k')"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("P0002"));
  }

  /** The functions find their helpers and tables whatever the caller's search_path. */
  @Test
  void theFunctionsWorkSchemaQualifiedFromAnySearchPath() throws SQLException {
    new DecisionStore(db).ensureAlias("features.elsewhere", "v3", T0);
    String schema = TestDatabases.rows(db, "SELECT current_schema()").get(0).get(0);
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO pg_catalog");
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT %1$s.driftgate_bucket('rollout-42', 'customer-42'),".formatted(schema)
                  + " %1$s.driftgate_resolve('features.elsewhere', 'k'),".formatted(schema)
                  + " %1$s.driftgate_resolve_location('features.elsewhere', 'k')"
                      .formatted(schema))) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(CohortHash.bucket("rollout-42", "customer-42"));
        assertThat(rows.getString(2)).isEqualTo("v3");
        assertThat(rows.getString(3)).isNull();
      }
    }
  }

  @Test
  void anUnknownDatasetIsAnError() {
    assertThatThrownBy(() -> TestDatabases.rows(db, "SELECT driftgate_resolve('nope', 'k')"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("P0002"))
        .hasMessageContaining(
            "dataset 'nope' has neither a routing entry (cohort_routing) nor an"
                + " alias (dataset_alias)");
  }

  private static List<String> resolveInSql(String dataset, List<String> keys) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = db.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT driftgate_resolve(?, k) FROM unnest(?::text[]) WITH ORDINALITY"
                    + " AS input(k, i) ORDER BY i")) {
      statement.setString(1, dataset);
      statement.setArray(2, text(connection, keys));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          versions.add(rows.getString(1));
        }
      }
    }
    return versions;
  }

  /**
   * {@value #KEYS_PER_SALT} keys: the empty key, ASCII keys of 1 to 40 characters, keys mixing 1-
   * to 4-byte UTF-8 characters, and ASCII keys of 17 to 80 bytes (every tail length whatever the
   * salt's length).
   */
  private static List<String> keys(SplittableRandom random) {
    List<String> keys = new ArrayList<>();
    keys.add("");
    keys.add("customer-42");
    while (keys.size() < KEYS_PER_SALT) {
      switch (keys.size() % 3) {
        case 0 -> keys.add(ascii(random, 1 + random.nextInt(40)));
        case 1 -> keys.add(unicode(random, 1 + random.nextInt(20)));
        default -> keys.add(ascii(random, 17 + keys.size() % 64));
      }
    }
    return keys;
  }

  private static String ascii(SplittableRandom random, int length) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < length; i++) {
      key.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
    }
    return key.toString();
  }

  /** Code points of every UTF-8 length: ASCII, U+0080..U+07FF, U+0800..U+FFFF, U+10000 and up. */
  private static String unicode(SplittableRandom random, int length) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int codePoint =
          switch (random.nextInt(4)) {
            case 0 -> 0x20 + random.nextInt(0x7f - 0x20);
            case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
            case 2 -> {
              int c = 0x800 + random.nextInt(0x10000 - 0x800);
              yield Character.isSurrogate((char) c) ? 0x4e2d : c;
            }
            default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
          };
      key.appendCodePoint(codePoint);
    }
    return key.toString();
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static Array text(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }
}
