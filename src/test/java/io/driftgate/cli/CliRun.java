package io.driftgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the CLI in the test JVM with captured output, a fixed clock and a given environment. */
record CliRun(int exitCode, String out, String err) {

  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

  static CliRun run(Map<String, String> env, JobLauncher launcher, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      CliContext context =
          new CliContext(outStream, errStream, env, Clock.fixed(NOW, ZoneOffset.UTC), launcher);
      exitCode = DriftgateCli.execute(context, args);
    }
    return new CliRun(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static CliRun run(Map<String, String> env, String... args) {
    return run(
        env,
        (file, settings) -> {
          throw new AssertionError("this test runs no job");
        },
        args);
  }
}
