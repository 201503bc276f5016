package io.driftgate.gate;

import java.util.Optional;

/**
 * Where a version was recorded to live ({@code version_location}), for a start that names a
 * location: consumers may already read the version there, so a start cannot move it.
 */
@FunctionalInterface
public interface RecordedLocations {

  /** Nothing known: a start's location is taken as given. */
  RecordedLocations NONE = (dataset, version) -> Optional.empty();

  /** The version's recorded location, empty when none is recorded. */
  Optional<String> of(String dataset, String version);
}
