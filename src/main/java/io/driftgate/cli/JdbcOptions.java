package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where driftgate's tables are. There is deliberately no password option: a password on the command
 * line shows in {@code ps} and in shell history.
 */
final class JdbcOptions {

  static final String URL_ENV = "DRIFTGATE_JDBC_URL";
  static final String USER_ENV = "DRIFTGATE_JDBC_USER";
  static final String PASSWORD_ENV = "DRIFTGATE_JDBC_PASSWORD";

  @Option(
      names = "--jdbc-url",
      paramLabel = "<url>",
      description =
          "JDBC URL of the job's database, e.g. jdbc:postgresql://db:5432/driftgate."
              + " Default: $"
              + URL_ENV
              + ".")
  String url;

  @Option(
      names = "--jdbc-user",
      paramLabel = "<user>",
      description = "Database user. Default: $" + USER_ENV + ".")
  String user;

  @Option(
      names = "--jdbc-password-file",
      paramLabel = "<file>",
      description =
          "File holding the database password (e.g. a mounted secret). Without it the password"
              + " is read from $"
              + PASSWORD_ENV
              + "; without either, none is sent.")
  Path passwordFile;

  JdbcSettings settings(CliContext context) {
    String jdbcUrl = url != null ? url.strip() : context.env(URL_ENV);
    if (jdbcUrl == null || jdbcUrl.isEmpty()) {
      throw CliException.usage("--jdbc-url or $" + URL_ENV + " is required");
    }
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw CliException.usage("--jdbc-url: '" + jdbcUrl + "' is not a JDBC URL (jdbc:...)");
    }
    String jdbcUser = user != null ? user.strip() : context.env(USER_ENV);
    return new JdbcSettings(jdbcUrl, jdbcUser, password(context));
  }

  private String password(CliContext context) {
    if (passwordFile != null) {
      try {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw CliException.usage("--jdbc-password-file: cannot read " + passwordFile);
      }
    }
    String password = context.env().get(PASSWORD_ENV);
    return password == null || password.isEmpty() ? null : password;
  }
}
