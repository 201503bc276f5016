package io.driftgate.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.junit.jupiter.api.Test;

/** Substitution, splitting and secrecy of {@link SqlScripts}, and the files of sql/flink/. */
class SqlScriptsTest {

  private static final Path SQL = Path.of(System.getProperty("driftgate.repo", ".")).resolve("sql");

  @Test
  void substitutesVariablesAndSplitsOnSemicolonsAtLineEnd() {
    SqlScripts scripts =
        SqlScripts.parse(
            "t.sql",
            """
            -- mode: batch
            -- a comment with ${not.a.variable}; and a semicolon;
            CREATE TABLE a (x STRING) WITH ('topic' = '${topic}', 'mode' = '${mode:-unbounded}');

            SELECT 'a;b' FROM a
            WHERE x = '${topic}';
            SELECT 1
            """,
            Map.of("topic", "t-1"));

    assertThat(scripts.mode()).contains(SqlScripts.Mode.BATCH);
    assertThat(scripts.statements())
        .extracting(SqlScripts.Statement::sql)
        .containsExactly(
            "CREATE TABLE a (x STRING) WITH ('topic' = 't-1', 'mode' = 'unbounded')",
            "SELECT 'a;b' FROM a\nWHERE x = 't-1'",
            "SELECT 1");
    assertThat(scripts.statements())
        .extracting(SqlScripts.Statement::line)
        .containsExactly(3, 5, 7);
  }

  @Test
  void failsNamingEveryUnresolvedVariable() {
    assertThatThrownBy(
            () ->
                SqlScripts.parse(
                    "t.sql", "SELECT '${a}';\nSELECT '${b}', '${c:-x}', '${a}';", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t.sql")
        .hasMessageContaining("${a} (line 1)")
        .hasMessageContaining("${b} (line 2)")
        .hasMessageNotContaining("${c}");
  }

  @Test
  void neverShowsThePassword() {
    SqlScripts scripts =
        SqlScripts.parse(
            "t.sql",
            "CREATE TABLE t (x INT) WITH ('password' = '${jdbc.password}', 'u' = '${jdbc.user}');",
            Map.of("jdbc.password", "s3cret", "jdbc.user", "bob"));

    SqlScripts.Statement statement = scripts.statements().get(0);
    assertThat(statement.sql()).contains("'s3cret'");
    assertThat(statement.toString()).doesNotContain("s3cret").contains("****").contains("bob");
    assertThat(statement.redacted()).doesNotContain("s3cret");
  }

  @Test
  void valuesAreInsertedLiterally() {
    SqlScripts scripts = SqlScripts.parse("t.sql", "SELECT '${v}';", Map.of("v", "a$1\\b"));
    assertThat(scripts.statements().get(0).sql()).isEqualTo("SELECT 'a$1\\b'");
  }

  @Test
  void aQuoteInAValueIsDataNotSql() {
    Map<String, String> values = hostileValues();
    SqlScripts scripts =
        SqlScripts.parse(
            "t.sql",
            """
            SELECT 1 FROM t WHERE dataset = '${dataset}';
            CREATE TABLE t (x INT) WITH ('url' = '${jdbc.url}', 'password' = '${jdbc.password}');
            """,
            values);

    assertThat(scripts.statements())
        .extracting(SqlScripts.Statement::sql)
        .containsExactly(
            "SELECT 1 FROM t WHERE dataset = 'x''); DROP TABLE y; --'",
            "CREATE TABLE t (x INT) WITH ('url' = 'jdbc:postgresql://db/it''s', 'password' ="
                + " 'it''s')");
    assertThat(scripts.statements().get(1).toString()).endsWith("'password' = '****')");
  }

  /** Flink's own parser reads every substituted value back exactly as it was given. */
  @Test
  void hostileValuesRoundTripThroughFlinksParser() throws Exception {
    Map<String, String> values = hostileValues();
    SqlScripts scripts =
        SqlScripts.parse(
            "t.sql",
            """
            CREATE TABLE hostile (x INT) COMMENT '${dataset}' WITH (
              'connector' = 'datagen',
              'url' = '${jdbc.url}',
              'username' = '${jdbc.user}',
              'password' = '${jdbc.password}',
              'dataset' = '${dataset}'
            );
            """,
            values);
    TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());

    assertThat(scripts.statements()).hasSize(1);
    tables.executeSql(scripts.statements().get(0).sql());

    CatalogBaseTable table =
        tables
            .getCatalog(tables.getCurrentCatalog())
            .orElseThrow()
            .getTable(new ObjectPath(tables.getCurrentDatabase(), "hostile"));
    assertThat(table.getOptions())
        .containsEntry("url", values.get("jdbc.url"))
        .containsEntry("username", values.get("jdbc.user"))
        .containsEntry("password", values.get("jdbc.password"))
        .containsEntry("dataset", values.get("dataset"));
    assertThat(table.getComment()).isEqualTo(values.get("dataset"));
    assertThat(tables.listTables()).containsExactly("hostile");
  }

  @Test
  void aValueOutsideQuotesMustBeAPlainWord() {
    assertThat(SqlScripts.parse("t.sql", "SELECT ${n};", Map.of("n", "42")).statements())
        .extracting(SqlScripts.Statement::sql)
        .containsExactly("SELECT 42");
    assertThatThrownBy(
            () ->
                SqlScripts.parse(
                    "t.sql",
                    "SELECT 1;\nSELECT ${jdbc.password} -- it's ${n}\n;",
                    Map.of("jdbc.password", "1; DROP TABLE y", "n", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("t.sql: line 2: ${jdbc.password} stands outside a quoted string")
        .hasMessageNotContaining("DROP");
  }

  @Test
  void quotesInCommentsAndIdentifiersDoNotConfuseWhereAValueStands() {
    SqlScripts scripts =
        SqlScripts.parse(
            "t.sql",
            """
            SELECT `it's`, "a'b" /* it's */ FROM t -- it's
            WHERE a = '${v}' AND `${v}` = "${v}";
            """,
            Map.of("v", "q'`\""));

    assertThat(scripts.statements().get(0).sql())
        .endsWith("WHERE a = 'q''`\"' AND `q'``\"` = \"q'`\"\"\"");
  }

  private static Map<String, String> hostileValues() {
    return Map.of(
        "jdbc.password", "it's",
        "jdbc.user", "x'); DROP TABLE y; --",
        "jdbc.url", "jdbc:postgresql://db/it's",
        "dataset", "x'); DROP TABLE y; --");
  }

  @Test
  void everyFileShipsInTheJarAndEveryVariableIsDocumented() throws IOException {
    String readme = Files.readString(SQL.resolve("README.md"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SQL.resolve("flink"))) {
      files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(11);
    TreeSet<String> variables = new TreeSet<>();
    for (Path file : files) {
      String text = Files.readString(file);
      variables.addAll(SqlScripts.requiredVariables(text));
      String name = SQL.resolve("flink").relativize(file).toString().replace('\\', '/');
      assertThat(readme).as("sql/README.md lists %s", name).contains(name.replace("queries/", ""));
      if (name.startsWith("queries/")) {
        assertThat(SqlScripts.parse(name, text, Map.of("dataset", "d")).mode())
            .as("%s says in which mode it runs", name)
            .isPresent();
      }
    }
    assertThat(variables).contains("jdbc.password", "kafka.bootstrap-servers", "topic.records");
    for (String variable : variables) {
      assertThat(readme).as("sql/README.md documents ${%s}", variable).contains(variable);
    }
    assertThat(readme).contains("kafka.bounded-mode");
    assertThat(SqlScripts.loadResource("tables-kafka.sql", all(variables)).statements()).hasSize(5);
  }

  private static Map<String, String> all(TreeSet<String> names) {
    Map<String, String> values = new HashMap<>();
    names.forEach(n -> values.put(n, "v"));
    return values;
  }

  /** The README's render command with trust authentication: the variables it lists, no password. */
  private static final List<String> README_VARIABLES =
      List.of(
          "kafka.bootstrap-servers=kafka:9092",
          "kafka.bounded-mode=latest-offset",
          "topic.records=driftgate.records",
          "topic.drift-results=driftgate.drift-results",
          "topic.rollout-events=driftgate.rollout-events",
          "topic.routing=driftgate.routing",
          "topic.dead-letters=driftgate.dead-letters",
          "jdbc.url=jdbc:postgresql://db:5432/driftgate",
          "jdbc.user=driftgate");

  private static final List<String> DDL_FILES =
      List.of("tables-kafka.sql", "tables-jdbc.sql", "functions.sql");

  @Test
  void renderingWithoutAPasswordFailsLoudlyAndPrintsNothing() {
    Rendered rendered = render(Map.of(), List.of());

    assertThat(rendered.status()).isEqualTo(1);
    assertThat(rendered.out()).isEmpty();
    assertThat(rendered.err())
        .contains("no value for ${jdbc.password}")
        .contains("DRIFTGATE_JDBC_PASSWORD")
        .contains("jdbc.password= for an empty password");
  }

  @Test
  void anEmptyPasswordGivenExplicitlyRendersEveryTable() {
    Rendered rendered = render(Map.of(), List.of("jdbc.password="));

    assertThat(rendered.status()).isZero();
    assertThat(rendered.err()).isEmpty();
    // 5 Kafka tables, 8 JDBC tables (6 tables, 2 views), 1 function: 14 statements.
    assertThat(rendered.out().split("\\nCREATE |^CREATE ", -1)).hasSize(1 + 14);
    assertThat(rendered.out()).contains("'password' = ''");
  }

  @Test
  void thePasswordComesFromTheEnvironment() {
    Rendered rendered = render(Map.of("DRIFTGATE_JDBC_PASSWORD", "s3cret"), List.of());

    assertThat(rendered.status()).isZero();
    assertThat(rendered.out()).contains("'password' = 's3cret'");
  }

  @Test
  void aMissingFileFailsAndABadArgumentIsAUsageError() {
    assertThat(
            SqlScripts.renderAll(
                List.of("no/such.sql", "jdbc.password="), Map.of(), quiet(), quiet()))
        .isEqualTo(1);
    assertThat(SqlScripts.renderAll(List.of("=x"), Map.of(), quiet(), quiet())).isEqualTo(2);
    assertThat(SqlScripts.renderAll(List.of("a=b"), Map.of(), quiet(), quiet())).isEqualTo(2);
  }

  private record Rendered(int status, String out, String err) {}

  private static Rendered render(Map<String, String> env, List<String> extra) {
    List<String> args = new ArrayList<>();
    DDL_FILES.forEach(f -> args.add(SQL.resolve("flink").resolve(f).toString()));
    args.addAll(README_VARIABLES);
    args.addAll(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        SqlScripts.renderAll(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Rendered(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
