package io.driftgate.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The version a consumer reads and where it lives ({@link
 * RoutingTableResolver#resolveWithLocation}).
 *
 * @param location the version's {@code version_location}, or {@code null} when none is recorded
 */
public record ResolvedVersion(String version, String location) {

  public ResolvedVersion {
    Objects.requireNonNull(version, "version");
  }

  /** {@link #location()}, empty when none is recorded. */
  public Optional<String> recordedLocation() {
    return Optional.ofNullable(location);
  }
}
