package io.driftgate.job;

import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.ProfileShape;
import java.io.Serializable;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a window profile restored from state still fits the job's contracts and profile settings.
 * After an upgrade from a savepoint that added or removed a field (or changed the settings), a
 * profile of the old shape can be neither fed new records nor merged with new profiles: every
 * attempt would throw, and the job would fail again after every restore. Such a profile is dropped
 * instead, and its records are counted ({@link JobMetrics#RECORDS_DROPPED_ON_UPGRADE}) and logged:
 * the windows it covered lose them, and the rollout controller restarts the evidence of a rollout
 * whose profiles changed shape.
 */
final class ProfileFit implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ProfileFit.class);

  private final ContractCatalog catalog;
  private final ProfileSettings settings;

  ProfileFit(ContractCatalog catalog, ProfileSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /** Whether new profiles of the profile's dataset have its shape. */
  boolean fits(DatasetProfile profile) {
    return catalog.datasets().contains(profile.dataset())
        && profile.shape().equals(ProfileShape.of(catalog.contract(profile.dataset()), settings));
  }

  /** Logs and counts a profile that did not fit; returns its records. */
  long drop(DatasetProfile profile, long windowStartMillis, Counter dropped) {
    String change =
        catalog.datasets().contains(profile.dataset())
            ? ProfileShape.of(catalog.contract(profile.dataset()), settings)
                .changesSince(profile.shape())
            : "no contract for the dataset any more";
    LOG.warn(
        "dropping the profile of {}@{} for the window starting {} ({} records) saved before an"
            + " upgrade: {}",
        profile.dataset(),
        profile.version(),
        Instant.ofEpochMilli(windowStartMillis),
        profile.records(),
        change);
    if (dropped != null) {
      dropped.inc(profile.records());
    }
    return profile.records();
  }
}
