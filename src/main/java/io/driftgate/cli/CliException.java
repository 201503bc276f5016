package io.driftgate.cli;

/**
 * A failure the operator can act on from its message alone: printed without a stack trace, and the
 * process exits with {@link #exitCode()} (2 for bad input, 1 for an unreachable or failing system).
 */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final int USAGE = 2;
  static final int FAILURE = 1;

  private final int exitCode;

  CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
