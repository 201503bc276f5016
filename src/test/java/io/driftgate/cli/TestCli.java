package io.driftgate.cli;

import java.util.Map;

/**
 * The CLI for tests outside this package, e.g. a job test that sends its commands the way an
 * operator does. Runs no job: a command that would launch one fails the test.
 */
public final class TestCli {

  private TestCli() {}

  /** What one CLI run printed and returned. */
  public record Result(int exitCode, String out, String err) {}

  public static Result run(Map<String, String> env, String... args) {
    CliRun run = CliRun.run(env, args);
    return new Result(run.exitCode(), run.out(), run.err());
  }
}
