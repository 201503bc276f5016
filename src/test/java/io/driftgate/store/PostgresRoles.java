package io.driftgate.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three roles of {@value #SCRIPT}, created with names of their own for one test in the test
 * PostgreSQL by applying the very script operators run, and dropped by {@link #close()}.
 *
 * <p>The script is written for psql; {@link #render} does the little of psql it uses ({@code
 * :'name'} as a literal, {@code :"name"} as an identifier), and the PostgreSQL driver runs the
 * rendered text, dollar-quoted blocks and all, as one multi-statement string.
 */
public final class PostgresRoles implements AutoCloseable {

  public static final String SCRIPT = "sql/roles/driftgate-roles.sql";

  private static final Pattern VARIABLE = Pattern.compile(":(['\"])([A-Za-z_][A-Za-z0-9_]*)\\1");

  private final JdbcSettings admin;
  private final String schema;
  private final String migrator;
  private final String job;
  private final String reader;

  private PostgresRoles(JdbcSettings admin, String schema) {
    this.admin = admin;
    this.schema = schema;
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.migrator = "dg_migrator_" + suffix;
    this.job = "dg_job_" + suffix;
    this.reader = "dg_reader_" + suffix;
  }

  /**
   * Creates the roles for the schema {@code admin}'s URL selects (a schema of {@link
   * TestDatabases#emptyPostgres()}), applying the script as the superuser {@code admin} is. On
   * failure the roles are dropped again before the exception leaves.
   */
  public static PostgresRoles create(JdbcSettings admin) throws SQLException, IOException {
    String schema = TestDatabases.rows(admin, "SELECT current_schema()").get(0).get(0);
    PostgresRoles roles = new PostgresRoles(admin, schema);
    try {
      roles.applyScript();
    } catch (SQLException | IOException | RuntimeException e) {
      roles.close();
      throw e;
    }
    return roles;
  }

  /** Applies the script again, as operators do after every migration. */
  public void applyScript() throws SQLException, IOException {
    String sql =
        render(
            Files.readString(Path.of(SCRIPT)),
            Map.of("schema", schema, "migrator", migrator, "job", job, "reader", reader));
    try (Connection connection = admin.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public String schema() {
    return schema;
  }

  public String migratorName() {
    return migrator;
  }

  public String jobName() {
    return job;
  }

  public String readerName() {
    return reader;
  }

  /** Settings that log in as the migrator (trust authentication: no password). */
  public JdbcSettings migrator() {
    return as(migrator);
  }

  public JdbcSettings job() {
    return as(job);
  }

  public JdbcSettings reader() {
    return as(reader);
  }

  private JdbcSettings as(String role) {
    return new JdbcSettings(admin.url(), role, null);
  }

  /**
   * Ends the roles' sessions and drops what they own and were granted in the test database, then
   * the roles; a role that was never created is skipped.
   */
  @Override
  public void close() throws SQLException {
    try (Connection connection = TestDatabases.postgresServer().connect();
        Statement statement = connection.createStatement()) {
      for (String role : List.of(migrator, job, reader)) {
        statement.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                + role
                + "'");
        if (!TestDatabases.rows(
                TestDatabases.postgresServer(),
                "SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")
            .isEmpty()) {
          statement.execute("DROP OWNED BY " + role);
          statement.execute("DROP ROLE " + role);
        }
      }
    }
  }

  /**
   * Substitutes psql variables as psql does: {@code :'name'} becomes a string literal and {@code
   * :"name"} an identifier, quotes doubled. Comment lines are left alone, as psql leaves them.
   *
   * @throws IllegalArgumentException naming a variable without a value
   */
  public static String render(String script, Map<String, String> variables) {
    List<String> lines = new ArrayList<>();
    for (String line : script.split("\n", -1)) {
      lines.add(line.strip().startsWith("--") ? line : substitute(line, variables));
    }
    return String.join("\n", lines);
  }

  private static String substitute(String line, Map<String, String> variables) {
    Matcher matcher = VARIABLE.matcher(line);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String quote = matcher.group(1);
      String value = variables.get(matcher.group(2));
      if (value == null) {
        throw new IllegalArgumentException("no value for psql variable " + matcher.group(2));
      }
      String quoted = quote + value.replace(quote, quote + quote) + quote;
      matcher.appendReplacement(out, Matcher.quoteReplacement(quoted));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
