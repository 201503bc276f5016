package io.driftgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.Files;
import io.driftgate.source.VersionSource.Format;
import io.driftgate.source.VersionSource.IcebergTable;
import io.driftgate.source.VersionSource.JdbcQuery;
import io.driftgate.source.VersionSource.Secret;
import io.driftgate.source.VersionSource.Snapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-line source spec of the CLI: what it reads, what it writes back, what it refuses. */
class SourceSpecTest {

  private static VersionSource parse(String text) {
    return SourceSpec.parse("features", "v2", text);
  }

  @Test
  void filesOfEachFormat() {
    assertThat(parse("parquet:/data/v2;event-time=column:updated_at"))
        .isEqualTo(
            new VersionSource(
                "features",
                "v2",
                new Files(Format.PARQUET, "/data/v2"),
                EventTime.column("updated_at")));
    assertThat(parse("csv:/data/v2.csv;event-time=published:2026-03-02T09:00:00Z").where())
        .isEqualTo(new Files(Format.CSV, "/data/v2.csv"));
    assertThat(parse("csv:/data/v2.csv;event-time=published:2026-03-02T09:00:00Z").eventTime())
        .isEqualTo(EventTime.published(Instant.parse("2026-03-02T09:00:00Z")));
    assertThat(parse("jsonl:/data/a;;b.jsonl;event-time=column:ts").where())
        .isEqualTo(new Files(Format.JSON_LINES, "/data/a;b.jsonl"));
  }

  @Test
  void aJdbcQueryIsTheRestOfTheText() {
    VersionSource source =
        parse(
            "jdbc:postgresql://db:5432/features?sslmode=require&currentSchema=s;user=gate;"
                + "password-env=PGPASSWORD;event-time=column:ts;"
                + "query=SELECT ts, id FROM v2 WHERE seg <> 'a;b' AND x = 1 ORDER BY id");
    assertThat(source.where())
        .isEqualTo(
            new JdbcQuery(
                "jdbc:postgresql://db:5432/features?sslmode=require&currentSchema=s",
                "SELECT ts, id FROM v2 WHERE seg <> 'a;b' AND x = 1 ORDER BY id",
                new Secret(Secret.From.VALUE, "gate"),
                new Secret(Secret.From.ENV, "PGPASSWORD")));
    assertThat(
            parse(
                    "jdbc:h2:mem:x;;MODE=PostgreSQL;user-file=/run/u;password-file=/run/p;"
                        + "event-time=column:ts;query=SELECT 1")
                .where())
        .isEqualTo(
            new JdbcQuery(
                "jdbc:h2:mem:x;MODE=PostgreSQL",
                "SELECT 1",
                new Secret(Secret.From.FILE, "/run/u"),
                new Secret(Secret.From.FILE, "/run/p")));
  }

  @Test
  void anIcebergTableAtASnapshotBranchTagOrCurrent() {
    assertThat(parse("iceberg:/warehouse/db/features@snapshot=4713;event-time=column:ts").where())
        .isEqualTo(new IcebergTable(null, "/warehouse/db/features", Snapshot.id(4713)));
    assertThat(parse("iceberg:db.features@branch=audit;warehouse=/wh;event-time=column:ts").where())
        .isEqualTo(new IcebergTable("/wh", "db.features", Snapshot.branch("audit")));
    assertThat(parse("iceberg:/wh/db/t@tag=v2;event-time=column:ts").where())
        .isEqualTo(new IcebergTable(null, "/wh/db/t", Snapshot.tag("v2")));
    assertThat(parse("iceberg:/wh/db/t;event-time=column:ts").where())
        .isEqualTo(new IcebergTable(null, "/wh/db/t", Snapshot.current()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "parquet:/data/v2;event-time=column:updated_at",
        "csv:/data/a;;b.csv;event-time=published:2026-03-02T09:00:00Z",
        "jsonl:/data/v2.jsonl;event-time=column:ts",
        "jdbc:postgresql://db:5432/f;user=gate;password-env=PGPASSWORD;event-time=column:ts;"
            + "query=SELECT a, b FROM t WHERE c = ';query=' ORDER BY a",
        "jdbc:h2:mem:x;;MODE=PostgreSQL;user-env=U;password-file=/run/p;event-time=column:ts;"
            + "query=SELECT 1",
        "jdbc:postgresql://db/f;event-time=column:ts;query=SELECT 1",
        "iceberg:/wh/db/t@snapshot=-12;event-time=column:ts",
        "iceberg:db.t@branch=audit;warehouse=/wh;event-time=column:ts",
        "iceberg:/wh/db/t@tag=v2;event-time=published:2026-03-02T09:00:00.500Z",
        "iceberg:/wh/db/t;event-time=column:ts"
      })
  void describeGivesTheCanonicalTextBack(String text) {
    VersionSource source = parse(text);
    assertThat(SourceSpec.describe(source)).isEqualTo(text);
    assertThat(parse(SourceSpec.describe(source))).isEqualTo(source);
  }

  @Test
  void describeNamesWhereThePasswordIsNeverThePassword() {
    VersionSource source =
        new VersionSource(
            "features",
            "v2",
            new JdbcQuery(
                "jdbc:postgresql://db/f",
                "SELECT 1",
                new Secret(Secret.From.ENV, "PGUSER"),
                new Secret(Secret.From.FILE, "/run/secrets/pg")),
            EventTime.column("ts"));
    assertThat(SourceSpec.describe(source))
        .isEqualTo(
            "jdbc:postgresql://db/f;user-env=PGUSER;password-file=/run/secrets/pg;"
                + "event-time=column:ts;query=SELECT 1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                            | source: a source is KIND:LOCATION;event-time=..., not an empty text
          /data/v2;event-time=column:ts                 | source: '/data/v2;event-time=column:ts' does not start with a kind (parquet:, csv:, jsonl:, jdbc:, iceberg:)
          avro:/data/v2;event-time=column:ts            | source: unknown source kind 'avro' (known: parquet, csv, jsonl, jdbc, iceberg)
          parquet:/data/v2                              | source: event-time= is required: column:NAME (a column of each row) or published:INSTANT (e.g. published:2026-03-02T09:00:00Z)
          parquet:/data/v2;event-time=column:           | source: event-time=column: needs a column name
          parquet:/data/v2;event-time=published:today   | source: event-time=published: 'today' is not an ISO-8601 instant such as 2026-03-02T09:00:00Z
          parquet:/data/v2;event-time=ts                | source: event-time='ts' is neither column:NAME nor published:INSTANT
          parquet:;event-time=column:ts                 | source: parquet: a path is required, e.g. parquet:/data/v2
          parquet:/d;event-time=column:ts;user=gate     | source: parquet: unknown key 'user' (known: [event-time])
          csv:/d;event-time=column:ts;query=SELECT 1    | source: csv: unknown key 'query' (known: [event-time])
          jsonl:/d;event-time=column:ts;event-time=column:t | source: key 'event-time' is given twice
          jsonl:/d;event-time=column:ts;verbose         | source: 'verbose' in 'jsonl:/d;event-time=column:ts;verbose' is not KEY=VALUE
          jsonl:/d;event-time=column:ts;                | source: '' in 'jsonl:/d;event-time=column:ts;' is not KEY=VALUE
          jdbc:postgresql://db/f;event-time=column:ts   | source: jdbc: a query is required, as the last key: ...;query=SELECT ...
          jdbc:postgresql://db/f;event-time=column:ts;query= | source: jdbc: a query is required, as the last key: ...;query=SELECT ...
          jdbc:postgresql://db/f;password=x;event-time=column:ts;query=SELECT 1 | source: jdbc: a password is never written in a source; name an environment variable (password-env=) or a file (password-file=)
          jdbc:postgresql://db/f;user=a;user-env=U;event-time=column:ts;query=SELECT 1 | source: jdbc: give one of user=, user-env= and user-file=, not several
          jdbc:postgresql://db/f;password-env=P;password-file=/p;event-time=column:ts;query=SELECT 1 | source: jdbc: give one of password=, password-env= and password-file=, not several
          jdbc:postgresql://db/f;warehouse=/w;event-time=column:ts;query=SELECT 1 | source: jdbc: unknown key 'warehouse' (known: [event-time, password-env, password-file, user, user-env, user-file])
          iceberg:/wh/t@snapshot=abc;event-time=column:ts | source: iceberg: snapshot id 'abc' is not a number
          iceberg:/wh/t@branch=;event-time=column:ts    | source: iceberg: '@branch=' names no snapshot (@snapshot=ID, @branch=NAME, @tag=NAME)
          iceberg:/wh/t@head=x;event-time=column:ts     | source: iceberg: '@head=x' names no snapshot (@snapshot=ID, @branch=NAME, @tag=NAME)
          iceberg:@tag=v2;event-time=column:ts          | source: iceberg: a table location or namespace.table is required
          iceberg:/wh/t;event-time=column:ts;query=x    | source: iceberg: unknown key 'query' (known: [event-time, warehouse])
          """)
  void aMalformedSpecIsRefusedWithWhatIsWrong(String text, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void whatTheSourceItselfRefusesIsSaidToo() {
    assertThatThrownBy(
            () -> parse("jdbc:postgresql://db/f?password=x;event-time=column:ts;query=SELECT 1"))
        .hasMessage(
            "jdbc: the url must not hold a password; name an environment variable"
                + " (password-env=) or a file (password-file=) instead");
    assertThatThrownBy(() -> parse("iceberg:features@tag=v2;warehouse=/wh;event-time=column:ts"))
        .hasMessage("iceberg: a table in a warehouse is named namespace.table, not features");
    assertThatThrownBy(() -> SourceSpec.parse("features", " ", "jsonl:/d;event-time=column:ts"))
        .hasMessage("version source: version must not be blank");
  }
}
