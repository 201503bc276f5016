package io.driftgate.job;

import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.FieldProfile;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Data-quality metrics by dataset, version and field, updated once per closed window from the
 * window's profile — never per record, so they cost the hot path nothing.
 */
final class ProfileMetrics {

  private final MetricGroup root;
  private final Map<String, VersionMetrics> versions = new HashMap<>();

  ProfileMetrics(MetricGroup driftgateGroup) {
    this.root = driftgateGroup;
  }

  void onWindow(DatasetProfile profile) {
    versions
        .computeIfAbsent(
            profile.dataset() + '@' + profile.version(),
            key ->
                new VersionMetrics(
                    root.addGroup(JobMetrics.DATASET, profile.dataset())
                        .addGroup(JobMetrics.VERSION, profile.version())))
        .update(profile);
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
