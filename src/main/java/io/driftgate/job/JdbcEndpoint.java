package io.driftgate.job;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.JdbcTimeouts;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the database is and where its password can be found — never the password itself, so the
 * secret stays out of the job graph: each task resolves it from its own environment or mounted file
 * when it connects.
 *
 * @param passwordFile a file whose content is the password, or {@code null}
 * @param passwordEnv an environment variable holding the password, used when there is no file
 * @param timeouts how long the task's connections may wait for the database
 */
public record JdbcEndpoint(
    String url, String user, String passwordEnv, String passwordFile, JdbcTimeouts timeouts)
    implements Serializable {

  /** An endpoint with the {@linkplain JdbcTimeouts#DEFAULTS default timeouts}. */
  public JdbcEndpoint(String url, String user, String passwordEnv, String passwordFile) {
    this(url, user, passwordEnv, passwordFile, JdbcTimeouts.DEFAULTS);
  }

  /** Connection settings with the password read now, from the file or else the environment. */
  public JdbcSettings resolve(Function<String, String> environment) {
    return new JdbcSettings(url, user, password(environment), timeouts);
  }

  public JdbcSettings resolve() {
    return resolve(System::getenv);
  }

  private String password(Function<String, String> environment) {
    if (passwordFile != null) {
      try {
        return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            DriftgateOptions.JDBC_PASSWORD_FILE.key() + ": cannot read " + passwordFile, e);
      }
    }
    return passwordEnv == null ? null : environment.apply(passwordEnv);
  }
}
