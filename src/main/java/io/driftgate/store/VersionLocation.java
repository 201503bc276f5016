package io.driftgate.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one version of a dataset lives: a table name, a path, an Iceberg snapshot id or branch, any
 * URI. A row of {@code version_location}; recorded once per version and never changed ({@link
 * VersionLocationStore}).
 *
 * @param location at most {@value #MAX_LOCATION_LENGTH} characters, not blank, without control
 *     characters (so it prints on one line and in a tab-separated column)
 * @param recordedBy who recorded it: the actor of the register or rollout command
 * @param recordedAt when it was recorded
 */
public record VersionLocation(
    String dataset, String version, String location, String recordedBy, Instant recordedAt)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The longest location {@code version_location.location} holds. */
  public static final int MAX_LOCATION_LENGTH = 2048;

  /** The longest dataset, version and actor the tables hold ({@code VARCHAR(255)}). */
  public static final int MAX_NAME_LENGTH = 255;

  /**
   * @throws IllegalArgumentException naming the field that is blank, too long or, for the location,
   *     holds a control character
   */
  public VersionLocation {
    requireText("dataset", dataset, MAX_NAME_LENGTH);
    requireText("version", version, MAX_NAME_LENGTH);
    requireText("location", location, MAX_LOCATION_LENGTH);
    requireText("recordedBy", recordedBy, MAX_NAME_LENGTH);
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (location.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "location of " + dataset + " " + version + " holds a control character");
    }
  }

  /** Checks a name against the column that holds it. */
  static void requireText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " has " + value.length() + " characters, at most " + maxLength + " allowed");
    }
  }
}
