package io.driftgate.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the outside world, so tests can hand them captured streams, their own
 * environment variables, a fixed clock and a job launcher that does not start Flink.
 *
 * @param env the environment variables (defaults of {@code --bootstrap-servers}, {@code
 *     --kafka-config} and the secrets it names, {@code --key}, {@code --actor}, the JDBC options
 *     and the database password)
 */
record CliContext(
    PrintStream out, PrintStream err, Map<String, String> env, Clock clock, JobLauncher launcher) {

  CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(launcher, "launcher");
  }

  static CliContext system() {
    return new CliContext(
        System.out, System.err, System.getenv(), Clock.systemUTC(), JobLauncher.production());
  }

  /** The environment variable's value, or {@code null} when it is unset or blank. */
  String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
