package io.driftgate.store;

import java.sql.SQLIntegrityConstraintViolationException;

/**
 * A version's location was recorded before, and differently: a location never changes, since
 * consumers may already read the one recorded. Not retried by the stores nor treated as an outage
 * ({@link TransientSqlErrors}): SQLSTATE {@value #SQL_STATE}, an integrity constraint violation but
 * not a unique violation. The fix is a new version, or correcting the command.
 */
public final class LocationConflictException extends SQLIntegrityConstraintViolationException {

  private static final long serialVersionUID = 1L;

  /** SQLSTATE integrity_constraint_violation. */
  public static final String SQL_STATE = "23000";

  private final String dataset;
  private final String version;
  private final String recordedLocation;
  private final String refusedLocation;

  public LocationConflictException(
      String dataset, String version, String recordedLocation, String refusedLocation) {
    super(
        "version "
            + version
            + " of dataset '"
            + dataset
            + "' is recorded at '"
            + recordedLocation
            + "'; refusing to record it at '"
            + refusedLocation
            + "': a version's location never changes (publish the data as a new version)",
        SQL_STATE);
    this.dataset = dataset;
    this.version = version;
    this.recordedLocation = recordedLocation;
    this.refusedLocation = refusedLocation;
  }

  public String dataset() {
    return dataset;
  }

  public String version() {
    return version;
  }

  /** The location {@code version_location} holds, which stays. */
  public String recordedLocation() {
    return recordedLocation;
  }

  /** The location that was refused. */
  public String refusedLocation() {
    return refusedLocation;
  }
}
