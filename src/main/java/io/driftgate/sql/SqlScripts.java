package io.driftgate.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a Flink SQL file of {@code sql/flink/}: substitutes its {@code ${name}} variables from a
 * map and splits it into statements, so that hosts, topics and passwords are never written in the
 * file itself.
 *
 * <ul>
 *   <li>{@code ${name}} is replaced by the variable's value; {@code ${name:-fallback}} by the
 *       fallback when the variable is not given. A variable that is neither given nor has a
 *       fallback fails the load, with every such name and the line it is on.
 *   <li>A statement ends at a line whose last non-blank character is {@code ;}. Lines that are only
 *       a {@code --} comment are dropped (and not substituted), so comments may show placeholders
 *       and semicolons freely.
 *   <li>A comment line {@code -- mode: batch} or {@code -- mode: streaming} says in which runtime
 *       mode the file's queries are meant to run ({@link #mode()}).
 *   <li>A value is embedded as data: in a {@code '...'} literal (or a quoted identifier) its quotes
 *       are doubled, so {@code it's} reads back as {@code it's}; elsewhere only plain words are
 *       accepted ({@link SqlQuoting}). Fallbacks are values too.
 *   <li>Values of variables whose name ends in {@code password} are secrets: {@link
 *       Statement#toString()} and every error message show {@code ****} instead.
 * </ul>
 */
public final class SqlScripts {

  /** The runtime mode a file's queries are written for. */
  public enum Mode {
    BATCH,
    STREAMING
  }

  /**
   * One statement of a file, substituted, without its trailing semicolon.
   *
   * @param source the file it came from, for messages
   * @param line the 1-based line the statement starts on
   * @param sql the statement to execute; it may hold a password, so do not print it
   */
  public record Statement(String source, int line, String sql, String redacted) {

    /** Where the statement is and what it says, with secrets masked. */
    @Override
    public String toString() {
      return source + ":" + line + ": " + redacted;
    }
  }

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::-([^}]*))?}");
  private static final Pattern MODE =
      Pattern.compile("^\\s*--\\s*mode:\\s*(batch|streaming)\\b", Pattern.CASE_INSENSITIVE);
  private static final String MASK = "****";
  private static final String PASSWORD_ENV = "DRIFTGATE_JDBC_PASSWORD";
  private static final String PASSWORD_VARIABLE = "jdbc.password";

  private final String source;
  private final List<Statement> statements;
  private final Mode mode;

  private SqlScripts(String source, List<Statement> statements, Mode mode) {
    this.source = source;
    this.statements = List.copyOf(statements);
    this.mode = mode;
  }

  /** Reads {@code file} (UTF-8) and substitutes {@code variables} in it. */
  public static SqlScripts load(Path file, Map<String, String> variables) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), variables);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Flink SQL file " + file, e);
    }
  }

  /**
   * Reads a file shipped in the job jar: {@code sql/flink/X} of the repository is {@code
   * driftgate/sql/X} on the class path.
   */
  public static SqlScripts loadResource(String name, Map<String, String> variables) {
    String resource = "driftgate/sql/" + name;
    try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no Flink SQL file " + resource + " on the class path");
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), variables);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Flink SQL file " + resource, e);
    }
  }

  /**
   * Substitutes and splits {@code text}.
   *
   * @param source names the text in messages, e.g. its file name
   * @throws IllegalArgumentException naming every variable that has no value
   */
  public static SqlScripts parse(String source, String text, Map<String, String> variables) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(variables, "variables");
    Map<String, String> secrets = new LinkedHashMap<>();
    variables.forEach(
        (name, value) -> {
          if (name.toLowerCase(Locale.ROOT).endsWith("password") && value != null) {
            secrets.put(name, value);
          }
        });
    Map<String, List<Integer>> missing = new LinkedHashMap<>();
    List<Statement> statements = new ArrayList<>();
    Mode mode = null;
    StringBuilder sql = new StringBuilder();
    StringBuilder redacted = new StringBuilder();
    SqlQuoting sqlQuoting = new SqlQuoting();
    SqlQuoting redactedQuoting = new SqlQuoting();
    int start = 0;
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNumber = i + 1;
      if (line.strip().startsWith("--")) {
        Matcher m = MODE.matcher(line);
        if (m.find()) {
          mode = Mode.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        }
        continue;
      }
      if (line.isBlank() && sql.isEmpty()) {
        continue;
      }
      if (sql.isEmpty()) {
        start = lineNumber;
      }
      sql.append(substitute(line, variables, null, missing, lineNumber, sqlQuoting, source))
          .append('\n');
      redacted
          .append(
              substitute(line, variables, secrets, missing, lineNumber, redactedQuoting, source))
          .append('\n');
      if (line.stripTrailing().endsWith(";")) {
        statements.add(new Statement(source, start, trimEnd(sql), trimEnd(redacted)));
        sql.setLength(0);
        redacted.setLength(0);
        sqlQuoting.reset();
        redactedQuoting.reset();
      }
    }
    if (!sql.toString().isBlank()) {
      statements.add(new Statement(source, start, trimEnd(sql), trimEnd(redacted)));
    }
    if (!missing.isEmpty()) {
      List<String> problems = new ArrayList<>();
      missing.forEach((name, at) -> problems.add("${" + name + "} (line " + at.get(0) + ")"));
      throw new IllegalArgumentException(
          source + ": no value for " + String.join(", ", problems) + "; pass it as a variable");
    }
    return new SqlScripts(source, statements, mode);
  }

  private static String substitute(
      String line,
      Map<String, String> variables,
      Map<String, String> secrets,
      Map<String, List<Integer>> missing,
      int lineNumber,
      SqlQuoting quoting,
      String source) {
    Matcher m = VARIABLE.matcher(line);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      quoting.advance(line.subSequence(last, m.start()));
      last = m.end();
      String name = m.group(1);
      String value = variables.get(name);
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        if (secrets != null) {
          missing.computeIfAbsent(name, n -> new ArrayList<>()).add(lineNumber);
        }
        value = m.group();
      } else {
        value = embed(quoting, name, value, source, lineNumber);
        if (secrets != null && secrets.containsKey(name)) {
          value = MASK;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    quoting.advance(line.subSequence(last, line.length()));
    quoting.endLine();
    return out.toString();
  }

  private static String embed(
      SqlQuoting quoting, String name, String value, String source, int lineNumber) {
    try {
      return quoting.embed(name, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + ": line " + lineNumber + ": " + e.getMessage(), e);
    }
  }

  private static String trimEnd(StringBuilder statement) {
    String s = statement.toString().strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
  }

  /** The variables {@code text} uses without a fallback, for documentation and checks. */
  public static TreeSet<String> requiredVariables(String text) {
    TreeSet<String> names = new TreeSet<>();
    for (String line : text.split("\\R")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      Matcher m = VARIABLE.matcher(line);
      while (m.find()) {
        if (m.group(2) == null) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Prints files with their variables substituted, for {@code sql-client.sh -i}: {@code java -cp
   * driftgate.jar io.driftgate.sql.SqlScripts FILE... [name=value ...]}. Exits with {@link
   * #renderAll}'s status.
   */
  public static void main(String[] args) {
    System.exit(renderAll(List.of(args), System.getenv(), System.out, System.err));
  }

  /**
   * Renders every file, then prints them all, so that a missing variable prints nothing but the
   * error. {@code jdbc.password}, when not given, is read from the environment variable {@value
   * #PASSWORD_ENV}, so that it need not be typed on a command line; an empty password (trust
   * authentication) is given explicitly as {@code jdbc.password=}.
   *
   * @param args file paths and {@code name=value} pairs, in any order
   * @return 0 when every file was printed, 1 when a file or a variable's value is missing, 2 on a
   *     bad argument list
   */
  public static int renderAll(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<Path> files = new ArrayList<>();
    Map<String, String> variables = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq == 0) {
        err.println("not name=value: " + arg);
        return 2;
      } else if (eq > 0) {
        variables.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else {
        files.add(Path.of(arg));
      }
    }
    if (files.isEmpty()) {
      err.println("usage: SqlScripts FILE... [name=value ...]");
      return 2;
    }
    String password = env.get(PASSWORD_ENV);
    if (password != null) {
      variables.putIfAbsent(PASSWORD_VARIABLE, password);
    }
    StringBuilder rendered = new StringBuilder();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        for (Statement statement : load(file, variables).statements()) {
          rendered.append(statement.sql()).append(";\n\n");
        }
      } catch (IllegalArgumentException | UncheckedIOException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      if (!variables.containsKey(PASSWORD_VARIABLE)
          && problems.stream().anyMatch(p -> p.contains("${" + PASSWORD_VARIABLE + "}"))) {
        err.println(
            "set "
                + PASSWORD_ENV
                + ", or pass "
                + PASSWORD_VARIABLE
                + "= for an empty password (trust authentication)");
      }
      return 1;
    }
    out.print(rendered);
    out.flush();
    return 0;
  }

  public String source() {
    return source;
  }

  /** The statements in file order. */
  public List<Statement> statements() {
    return statements;
  }

  /** The mode the file's {@code -- mode:} comment asks for, if it has one. */
  public Optional<Mode> mode() {
    return Optional.ofNullable(mode);
  }
}
