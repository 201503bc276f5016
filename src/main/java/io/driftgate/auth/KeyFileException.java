package io.driftgate.auth;

import java.nio.file.Path;

/** A key file that cannot be used; the message names the file and what is wrong with it. */
public final class KeyFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  KeyFileException(Path file, String problem) {
    super(file + ": " + problem);
  }

  KeyFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
