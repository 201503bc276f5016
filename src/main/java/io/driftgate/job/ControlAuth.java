package io.driftgate.job;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the job authenticates control commands ({@link CommandGuard}).
 *
 * @param keysDirectory the key registry's directory; {@code null} when commands are not signed
 * @param maxAge how far a signed command's time may be from when it was sent, and from the newest
 *     command of its dataset
 */
public record ControlAuth(Mode mode, String keysDirectory, Duration maxAge)
    implements Serializable {

  /** Commands taken as they say: for tests and a control topic only trusted writers reach. */
  public static final ControlAuth OFF = new ControlAuth(Mode.OFF, null, Duration.ofMinutes(5));

  /** Spelt in lower case in the configuration ({@code required}, {@code off}). */
  public enum Mode {
    REQUIRED,
    OFF
  }

  public boolean required() {
    return mode == Mode.REQUIRED;
  }
}
