package io.driftgate.job;

import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.FieldProfile;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * Data-quality metrics by dataset, version and field, updated once per closed window from the
 * window's profile — never per record, so they cost the hot path nothing.
 *
 * <p>Versions are chosen by producers, so the per-version metric groups are bounded: each dataset
 * keeps at most {@code maxVersionsPerDataset} of them on a subtask, the versions whose windows
 * closed most recently. A new version beyond that retires the group of the version whose last
 * window is the oldest: the group is closed, which unregisters its metrics from the reporters
 * (Flink's public {@link MetricGroup} has no remove, so this relies on the runtime's {@link
 * AbstractMetricGroup#close()}), and counted in {@link JobMetrics#RETIRED_VERSION_GROUPS}. A
 * version seen again later gets a new group whose counters start from zero, which counter rates
 * (Prometheus' {@code rate}) take as a reset. A group that cannot be closed (a metric group of
 * another implementation) is kept, and windows of versions beyond the bound are then left out of
 * the per-version metrics and counted in {@link JobMetrics#VERSIONS_UNMETERED}. The names and
 * labels of the per-version metrics are unchanged, so the dashboards keep working; with a window
 * admitting at most {@code driftgate.records.max-versions-per-dataset} versions and this bound
 * twice that, the versions of a rollout, seen every window, are never the ones retired.
 */
final class ProfileMetrics {

  private final MetricGroup root;
  private final int maxVersionsPerDataset;
  private final Map<String, DatasetMetrics> datasets = new HashMap<>();

  ProfileMetrics(MetricGroup driftgateGroup, int maxVersionsPerDataset) {
    if (maxVersionsPerDataset < 1) {
      throw new IllegalArgumentException(
          "max metered versions must be positive: " + maxVersionsPerDataset);
    }
    this.root = driftgateGroup;
    this.maxVersionsPerDataset = maxVersionsPerDataset;
  }

  void onWindow(DatasetProfile profile) {
    datasets
        .computeIfAbsent(
            profile.dataset(),
            dataset -> new DatasetMetrics(root.addGroup(JobMetrics.DATASET, dataset)))
        .onWindow(profile);
  }

  /** Versions of {@code dataset} with a metric group of their own now. */
  int meteredVersions(String dataset) {
    DatasetMetrics metrics = datasets.get(dataset);
    return metrics == null ? 0 : metrics.versions.size();
  }

  /** Groups of {@code dataset}'s versions closed so far to make room for newer ones. */
  long retiredVersionGroups(String dataset) {
    DatasetMetrics metrics = datasets.get(dataset);
    return metrics == null ? 0 : metrics.retired.getCount();
  }

  private final class DatasetMetrics {
    final MetricGroup group;
    final Counter retired;
    final Counter unmetered;
    // Access order: the first entry is the version whose last window is the oldest.
    final LinkedHashMap<String, VersionMetrics> versions = new LinkedHashMap<>(16, 0.75f, true);

    DatasetMetrics(MetricGroup group) {
      this.group = group;
      this.retired = group.counter(JobMetrics.RETIRED_VERSION_GROUPS);
      this.unmetered = group.counter(JobMetrics.VERSIONS_UNMETERED);
    }

    void onWindow(DatasetProfile profile) {
      VersionMetrics metrics = versions.get(profile.version());
      if (metrics == null) {
        if (versions.size() >= maxVersionsPerDataset && !retireOldest()) {
          unmetered.inc();
          return;
        }
        metrics = new VersionMetrics(group.addGroup(JobMetrics.VERSION, profile.version()));
        versions.put(profile.version(), metrics);
      }
      metrics.update(profile);
    }

    private boolean retireOldest() {
      Iterator<VersionMetrics> oldest = versions.values().iterator();
      if (!(oldest.next().group instanceof AbstractMetricGroup<?> closable)) {
        return false;
      }
      closable.close();
      oldest.remove();
      retired.inc();
      return true;
    }
  }

  private static final class VersionMetrics {
    final MetricGroup group;
    final Counter records;
    final Counter violating;
    final Counter stale;
    final Map<String, FieldMetrics> fields = new HashMap<>();
    volatile double lagP99 = Double.NaN;

    VersionMetrics(MetricGroup group) {
      this.group = group;
      this.records = group.counter(JobMetrics.PROFILED_RECORDS);
      this.violating = group.counter(JobMetrics.VIOLATING_RECORDS);
      this.stale = group.counter(JobMetrics.STALE_RECORDS);
      group.gauge(JobMetrics.LAG_P99, (Gauge<Double>) () -> lagP99);
    }

    void update(DatasetProfile profile) {
      records.inc(profile.records());
      violating.inc(profile.violatingRecords());
      stale.inc(profile.staleRecords());
      if (profile.lagMillis().count() > 0) {
        lagP99 = profile.lagMillis().quantileUpperBound(0.99);
      }
      for (FieldProfile field : profile.fields()) {
        fields
            .computeIfAbsent(
                field.name(), name -> new FieldMetrics(group.addGroup(JobMetrics.FIELD, name)))
            .update(field, profile.records());
      }
    }
  }

  private static final class FieldMetrics {
    final Counter nulls;
    final Counter violations;
    volatile double nullRate = Double.NaN;

    FieldMetrics(MetricGroup group) {
      this.nulls = group.counter(JobMetrics.NULLS);
      this.violations = group.counter(JobMetrics.VIOLATIONS);
      group.gauge(JobMetrics.NULL_RATE, (Gauge<Double>) () -> nullRate);
    }

    void update(FieldProfile field, long records) {
      nulls.inc(field.nulls());
      violations.inc(field.violations());
      if (records > 0) {
        nullRate = (double) field.nulls() / records;
      }
    }
  }
}
