package io.driftgate.source;

import static io.driftgate.source.VersionSourcesTest.BAD_TIME;
import static io.driftgate.source.VersionSourcesTest.BOUND;
import static io.driftgate.source.VersionSourcesTest.CATALOG;
import static io.driftgate.source.VersionSourcesTest.DATASET;
import static io.driftgate.source.VersionSourcesTest.ROWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.job.KafkaPath;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.SourceRecord;
import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.JdbcQuery;
import io.driftgate.source.VersionSource.Secret;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.RejectReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dataset version read by a JDBC query (PostgreSQL, and H2 in PostgreSQL mode) is profiled as the
 * same rows sent as Kafka envelopes, byte for byte, and each column type becomes the value a JSON
 * producer would have written: the record's row equals the one parsed from that JSON.
 */
class JdbcVersionSourceTest {

  @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

  private JdbcSettings db;

  @AfterEach
  void release() {
    TestDatabases.release(db);
  }

  @Test
  void postgresRowsAreProfiledAsTheSameKafkaRecords() throws Exception {
    assertQueryIsProfiledAsKafka(TestDatabases::emptyPostgres, "timestamptz");
  }

  @Test
  void h2RowsAreProfiledAsTheSameKafkaRecords() throws Exception {
    assertQueryIsProfiledAsKafka(TestDatabases::emptyH2, "timestamp with time zone");
  }

  /**
   * Every column type a version table is likely to have, and a row of nulls: the records' rows are
   * the ones the Kafka path parses from the envelope a producer would have written.
   */
  @Test
  void eachPostgresColumnTypeBecomesTheValueOfItsJson() throws Exception {
    db = TestDatabases.emptyPostgres();
    execute(
        "CREATE TABLE typed (n int, i2 smallint, i4 integer, i8 bigint, i8small bigint,"
            + " num numeric(12,3), r real, d double precision, b boolean, t text,"
            + " vc varchar(10), c char(3), dt date, tm time, ts timestamp(6),"
            + " tstz timestamptz, by bytea, arr integer[], tarr text[], js jsonb, jarr json,"
            + " u uuid)",
        "INSERT INTO typed VALUES (1, 7, 70000, 9000000000, 5, 12.5, 1.1, 2.25, true, 'text',"
            + " 'v', 'abc', DATE '2026-03-02', TIME '09:30:15', TIMESTAMP"
            + " '2026-03-02 09:00:00.123456', TIMESTAMPTZ '2026-03-02 10:00:00.5+01',"
            + " '\\x010203', ARRAY[1,2,3], ARRAY['a',NULL], '{\"a\": 1, \"b\": [true]}',"
            + " '[1, 2]', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
        "INSERT INTO typed (n) VALUES (2)");
    String json =
        "{\"i2\":7,\"i4\":70000,\"i8\":9000000000,\"i8small\":5,\"num\":12.5,\"r\":1.1,"
            + "\"d\":2.25,\"b\":true,\"t\":\"text\",\"vc\":\"v\",\"c\":\"abc\","
            + "\"dt\":\"2026-03-02\",\"tm\":\"09:30:15\",\"ts\":1772442000123,"
            + "\"tstz\":1772442000500,\"by\":\"AQID\",\"arr\":[1,2,3],\"tarr\":[\"a\",null],"
            + "\"js\":{\"a\":1,\"b\":[true]},\"jarr\":\"[1, 2]\","
            + "\"u\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"}";
    String nulls =
        "{\"i2\":null,\"i4\":null,\"i8\":null,\"i8small\":null,\"num\":null,\"r\":null,"
            + "\"d\":null,\"b\":null,\"t\":null,\"vc\":null,\"c\":null,\"dt\":null,\"tm\":null,"
            + "\"ts\":null,\"tstz\":null,\"by\":null,\"arr\":null,\"tarr\":null,\"js\":null,"
            + "\"jarr\":null,\"u\":null}";

    List<Map<String, Object>> columns = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT i2, i4, i8, i8small, num, r, d, b, t, vc, c, dt, tm, ts, tstz, by, arr,"
                    + " tarr, js, jarr, u FROM typed ORDER BY n")) {
      JdbcColumns shape = JdbcColumns.of(rows.getMetaData());
      assertThat(shape.labels()).startsWith("i2", "i4", "i8").endsWith("u");
      while (rows.next()) {
        Map<String, Object> values = new LinkedHashMap<>();
        shape.read(rows, values);
        columns.add(values);
      }
    }
    assertThat(columns.get(0))
        .containsEntry("i2", 7)
        .containsEntry("i8", 9_000_000_000L)
        .containsEntry("i8small", 5L)
        .containsEntry("r", 1.1f)
        .containsEntry("dt", "2026-03-02")
        .containsEntry("ts", 1772442000123L)
        .containsEntry("by", "AQID")
        .containsEntry("jarr", "[1, 2]");
    assertThat(columns.get(1))
        .containsOnlyKeys(columns.get(0).keySet())
        .allSatisfy(
            (k, v) -> {
              assertThat(v).as(k).isNull();
            });

    VersionSource source =
        new VersionSource(
            DATASET,
            "v2",
            new JdbcQuery(db.url(), "SELECT 1", null, null),
            EventTime.published(Instant.parse("2026-03-02T12:00:00Z")));
    RowMapper mapper = VersionSources.mapper(source, CATALOG, RecordLimits.DEFAULTS);
    long published = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
    List<SourceRecord> kafka =
        KafkaPath.deserialize(
            CATALOG,
            "records",
            List.of(
                VersionSourcesTest.envelopeOf(published, json),
                VersionSourcesTest.envelopeOf(published, nulls)),
            published);
    for (int i = 0; i < 2; i++) {
      io.driftgate.wire.ObservedRecord record =
          (io.driftgate.wire.ObservedRecord) mapper.mapToNewRow(columns.get(i), published);
      assertThat(record.row().asMap()).isEqualTo(kafka.get(i).record().row().asMap());
      assertThat(record.eventTimeMillis()).isEqualTo(kafka.get(i).record().eventTimeMillis());
    }
  }

  @Test
  void twoColumnsWithOneLabelAreRefused() throws Exception {
    db = TestDatabases.emptyPostgres();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1 AS id, 2 AS id")) {
      assertThatThrownBy(() -> JdbcColumns.of(rows.getMetaData()))
          .hasMessage(
              "the query returns two columns labelled id: alias one of them (a row is one object"
                  + " of named values)");
    }
  }

  @Test
  void aQueryUrlWithAPasswordOrAnInlinePasswordIsRefused() {
    assertThatThrownBy(
            () -> new JdbcQuery("jdbc:postgresql://h/db?user=a&password=b", "SELECT 1", null, null))
        .hasMessage(
            "jdbc: the url must not hold a password; name an environment variable"
                + " (password-env=) or a file (password-file=) instead");
    assertThatThrownBy(() -> new JdbcQuery("jdbc:postgresql://a:b@h/db", "SELECT 1", null, null))
        .hasMessageStartingWith("jdbc: the url must not hold a password");
    assertThatThrownBy(
            () ->
                new JdbcQuery(
                    "jdbc:postgresql://h/db",
                    "SELECT 1",
                    null,
                    new Secret(Secret.From.VALUE, "secret")))
        .hasMessage(
            "jdbc: a password is read from an environment variable or a file, never given"
                + " inline");
    assertThatThrownBy(
            () -> new Secret(Secret.From.ENV, "DRIFTGATE_NO_SUCH_VARIABLE_SET").resolve())
        .hasMessage("environment variable DRIFTGATE_NO_SUCH_VARIABLE_SET is not set");
  }

  // ------------------------------------------------------------------ the comparison

  private void assertQueryIsProfiledAsKafka(Supplier<JdbcSettings> database, String timeType)
      throws Exception {
    db = database.get();
    execute(
        "CREATE TABLE version_rows (n integer PRIMARY KEY, ts "
            + timeType
            + ", id varchar(20), x double precision, seg varchar(3), y double precision)");
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO version_rows VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        Map<String, Object> f = VersionSourcesTest.fields(i);
        insert.setInt(1, i);
        if (i == BAD_TIME) {
          insert.setObject(2, null);
        } else {
          insert.setObject(
              2,
              OffsetDateTime.ofInstant(
                  Instant.ofEpochMilli(VersionSourcesTest.timeOf(i)), ZoneOffset.UTC));
        }
        insert.setString(3, (String) f.get("id"));
        insert.setObject(4, f.get("x"));
        insert.setString(5, (String) f.get("seg"));
        insert.setObject(6, f.get("y"));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    VersionSource source =
        new VersionSource(
            DATASET,
            "v2",
            new JdbcQuery(
                db.url(),
                "SELECT ts, id, x, seg, y FROM version_rows ORDER BY n",
                db.user() == null ? null : new Secret(Secret.From.VALUE, db.user()),
                null),
            EventTime.column("ts"));
    List<SourceRecord> out = new ArrayList<>();
    try (CloseableIterator<SourceRecord> records =
        VersionSources.read(env, source, CATALOG, RecordLimits.DEFAULTS, BOUND)
            .executeAndCollect()) {
      records.forEachRemaining(out::add);
    }
    assertThat(out).hasSize(ROWS);
    assertThat(out.get(BAD_TIME).rejection().reason()).isEqualTo(RejectReason.BAD_EVENT_TIME);
    assertThat(out.get(BAD_TIME).rejection().detail())
        .isEqualTo("event time column ts is empty or absent");
    VersionSourcesTest.assertSameAsKafka(out, db.url(), out.get(0).observedAtMillis(), i -> i + 1);
  }

  private void execute(String... statements) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
