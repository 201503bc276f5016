package io.driftgate.store;

import java.sql.SQLException;

/**
 * The routing table could not be read, and the routing read before is too old to serve (older than
 * the resolver's {@code maxStale}) or was never read. Unchecked because consumers resolve a version
 * per read and cannot do anything sensible about it but fail the read; serving an old routing
 * without bound could keep them on a candidate that was rolled back.
 */
public final class RoutingUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RoutingUnavailableException(String message, SQLException cause) {
    super(message, cause);
  }
}
