package io.driftgate.job;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.Violation;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The hot path: contract check and profiling of every record in operator memory, with no state
 * backend access per record. A window's partial profiles leave when the watermark passes the
 * window's end and are merged downstream by dataset version; what is still open at a checkpoint is
 * written to operator state, so nothing is lost or counted twice on recovery.
 *
 * <p>Every record leaves as exactly one of: counted in a profile and conforming, or dead-lettered
 * (unparseable, unknown dataset, late, or violating the contract — a violating record is also
 * counted in the profile, where its violations feed the quality gates). Which records are late is
 * decided by each partition's own order ({@link PartitionClocks}), checkpointed with the open
 * windows and the watermark, so a failover or a replay dead-letters the same records.
 *
 * <p>Versions are chosen by producers, so each window of each dataset profiles at most {@code
 * maxVersionsPerDataset} distinct versions ({@code driftgate.records.max-versions-per-dataset}),
 * admitted in arrival order; a record of a further version in that window is dead-lettered as
 * {@link RejectReason#TOO_MANY_VERSIONS} and not profiled. With at most the limit of versions
 * nothing changes; beyond it, which versions win depends on arrival order. The operator cannot know
 * which versions a rollout uses (that would be a cycle in the dataflow), which is why the limit is
 * kept above the 2 versions of a rollout plus those of one just ended. The admitted versions are
 * not state of their own: they are the versions of the open windows, so they are checkpointed and
 * restored with them and leave when their window closes. A subtask restored from several (after a
 * rescale) keeps every restored window, even beyond the limit, and admits no more.
 */
public final class ProfileOperator extends AbstractStreamOperator<WindowProfile>
    implements OneInputStreamOperator<SourceRecord, WindowProfile> {

  private static final long serialVersionUID = 1L;
  private static final int RECENT_PROFILES = 4;

  private final ContractCatalog catalog;
  private final ProfileSettings settings;
  private final long windowMillis;
  private final EventWindows windows;
  private final long outOfOrdernessMillis;
  private final OutputTag<DeadLetter> deadLetters;
  private final int maxVersionsPerDataset;

  private transient Map<String, RecordProfiler> profilers;
  private transient Map<WindowKey, DatasetProfile> open;
  // The versions of each dataset's open window, derived from open: bounded by it, never saved.
  private transient Map<DatasetWindow, Set<String>> admitted;
  private transient ListState<WindowProfile> checkpointed;
  private transient ListState<Tuple2<Integer, Long>> checkpointedClocks;
  private transient ListState<Long> checkpointedWatermark;
  private transient PartitionClocks clocks;
  // The profiles of the last few (dataset, version, window) records went to, checked before the
  // map: producers interleave the versions of a rollout record by record, so remembering one
  // profile missed on every other record and cost a WindowKey and a hash lookup each time.
  private transient String[] recentDatasets;
  private transient String[] recentVersions;
  private transient long[] recentStarts;
  private transient DatasetProfile[] recentProfiles;
  private transient int nextRecent;
  private transient JobMetrics.RecordCounters counters;
  private transient ProfileMetrics quality;
  private transient Counter lateAfterIdleness;
  private transient long watermark = Long.MIN_VALUE;
  // Records of restored profiles that no longer fit, counted once the metrics exist (open()).
  private transient long droppedOnRestore;

  public ProfileOperator(
      ContractCatalog catalog,
      ProfileSettings settings,
      long windowMillis,
      long outOfOrdernessMillis,
      int maxVersionsPerDataset,
      OutputTag<DeadLetter> deadLetters) {
    if (maxVersionsPerDataset < 1) {
      throw new IllegalArgumentException(
          "max versions per dataset must be positive: " + maxVersionsPerDataset);
    }
    this.catalog = catalog;
    this.maxVersionsPerDataset = maxVersionsPerDataset;
    this.settings = settings;
    this.windowMillis = windowMillis;
    this.windows = new EventWindows(windowMillis);
    this.outOfOrdernessMillis = outOfOrdernessMillis;
    this.deadLetters = deadLetters;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    open = new HashMap<>();
    admitted = new HashMap<>();
    recentDatasets = new String[RECENT_PROFILES];
    recentVersions = new String[RECENT_PROFILES];
    recentStarts = new long[RECENT_PROFILES];
    recentProfiles = new DatasetProfile[RECENT_PROFILES];
    watermark = Long.MIN_VALUE;
    checkpointed =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>("open-window-profiles", DriftgateTypes.WINDOW_PROFILE));
    // Union state: after a rescale every subtask sees every partition's clock, and the lowest
    // watermark any subtask had, so no window one of them closed is reopened by another.
    checkpointedClocks =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>("partition-clocks", Types.TUPLE(Types.INT, Types.LONG)));
    checkpointedWatermark =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("watermark", Types.LONG));
    clocks = new PartitionClocks(outOfOrdernessMillis);
    clocks.restore(checkpointedClocks.get());
    // The lowest, a subtask that had no watermark yet (MIN_VALUE) included: it may hold the
    // partition nobody has read, whose windows must stay open whichever subtask now reads it.
    Long lowest = null;
    for (Long restored : checkpointedWatermark.get()) {
      lowest = lowest == null ? restored : Math.min(lowest, restored);
    }
    watermark = lowest == null ? Long.MIN_VALUE : lowest;
    ProfileFit fit = new ProfileFit(catalog, settings);
    droppedOnRestore = 0;
    for (WindowProfile restored : checkpointed.get()) {
      WindowKey key = new WindowKey(restored.dataset(), restored.version(), restored.windowStart());
      DatasetProfile profile = DatasetProfile.fromBytes(restored.profile());
      if (!fit.fits(profile)) {
        droppedOnRestore += fit.drop(profile, restored.windowStart(), null);
        continue;
      }
      DatasetProfile existing = open.get(key);
      if (existing == null) {
        open.put(key, profile);
        admit(key);
      } else {
        existing.merge(profile);
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    profilers = new HashMap<>();
    for (DataContract contract : catalog.contracts()) {
      profilers.put(contract.dataset(), new RecordProfiler(contract));
    }
    MetricGroup group = getMetricGroup().addGroup(JobMetrics.GROUP);
    counters = new JobMetrics.RecordCounters(group);
    group.counter(JobMetrics.RECORDS_DROPPED_ON_UPGRADE).inc(droppedOnRestore);
    quality = new ProfileMetrics(group, 2 * maxVersionsPerDataset);
    lateAfterIdleness = group.counter(JobMetrics.LATE_AFTER_IDLENESS);
    Map<String, RecordProfiler> byDataset = profilers;
    group.gauge(
        JobMetrics.CATEGORIES_TRUNCATED,
        (Gauge<Long>)
            () -> byDataset.values().stream().mapToLong(RecordProfiler::truncatedCategories).sum());
  }

  @Override
  public void processElement(StreamRecord<SourceRecord> element) {
    SourceRecord source = element.getValue();
    counters.in.inc();
    if (!source.parsed()) {
      reject(source, source.rejection().reason(), source.rejection().detail());
      return;
    }
    ObservedRecord record = source.record();
    long eventTime = record.eventTimeMillis();
    if (!windows.has(eventTime)) {
      reject(
          source,
          RejectReason.BAD_EVENT_TIME,
          "event time " + eventTime + " is at the end of the epoch-millis range: no window has it");
      return;
    }
    if (clocks.late(source.originPartition(), eventTime)) {
      reject(
          source,
          RejectReason.LATE,
          "event time "
              + eventTime
              + " is more than "
              + outOfOrdernessMillis
              + " ms behind "
              + clocks.newest(source.originPartition())
              + ", the newest read before it from its partition");
      return;
    }
    long windowStart = windows.start(eventTime);
    if (windows.last(windowStart) <= watermark) {
      lateAfterIdleness.inc();
      reject(
          source,
          RejectReason.LATE,
          "event time "
              + eventTime
              + " is behind the watermark "
              + watermark
              + ": its window was evaluated while its partition was idle"
              + " (driftgate.watermark.idleness)");
      return;
    }
    RecordProfiler profiler = profilers.get(record.dataset());
    if (profiler == null) {
      reject(source, RejectReason.UNKNOWN_DATASET, "no contract for dataset " + record.dataset());
      return;
    }
    DatasetProfile profile = profileFor(record, windowStart);
    if (profile == null) {
      reject(source, RejectReason.TOO_MANY_VERSIONS, tooManyVersions(record, windowStart));
      return;
    }
    List<Violation> violations =
        profiler.observe(
            profile, record.row(), record.eventTimeMillis(), source.observedAtMillis());
    if (violations.isEmpty()) {
      counters.ok.inc();
    } else {
      for (Violation violation : violations) {
        counters.violations(violation.kind()).inc();
      }
      reject(source, RejectReason.CONTRACT_VIOLATION, describe(violations));
    }
  }

  /**
   * The window's profile of the record's version, {@code null} when the version is not admitted.
   */
  private DatasetProfile profileFor(ObservedRecord record, long windowStart) {
    String dataset = record.dataset();
    String version = record.version();
    for (int i = 0; i < RECENT_PROFILES; i++) {
      DatasetProfile recent = recentProfiles[i];
      if (recent != null
          && recentStarts[i] == windowStart
          && same(recentDatasets[i], dataset)
          && same(recentVersions[i], version)) {
        return recent;
      }
    }
    WindowKey key = new WindowKey(dataset, version, windowStart);
    DatasetProfile profile = open.get(key);
    if (profile == null) {
      Set<String> versions = admitted.get(key.datasetWindow());
      if (versions != null && versions.size() >= maxVersionsPerDataset) {
        return null;
      }
      admit(key);
      profile =
          DatasetProfile.forContract(
              catalog.contract(record.dataset()), record.version(), settings);
      open.put(key, profile);
    }
    int slot = nextRecent;
    nextRecent = (slot + 1) % RECENT_PROFILES;
    recentDatasets[slot] = dataset;
    recentVersions[slot] = version;
    recentStarts[slot] = windowStart;
    recentProfiles[slot] = profile;
    return profile;
  }

  /** Pooled strings are usually the same instance; equal ones that are not still match. */
  private static boolean same(String a, String b) {
    return a == b || a.equals(b);
  }

  private void admit(WindowKey key) {
    admitted.computeIfAbsent(key.datasetWindow(), w -> new TreeSet<>()).add(key.version);
  }

  private String tooManyVersions(ObservedRecord record, long windowStart) {
    Set<String> versions = admitted.get(new DatasetWindow(record.dataset(), windowStart));
    return "dataset "
        + record.dataset()
        + " already has "
        + versions.size()
        + " versions in the window starting at "
        + Instant.ofEpochMilli(windowStart)
        + " (driftgate.records.max-versions-per-dataset = "
        + maxVersionsPerDataset
        + "): "
        + String.join(", ", versions);
  }

  private void reject(SourceRecord source, RejectReason reason, String detail) {
    counters.rejected(reason).inc();
    output.collect(
        deadLetters,
        new StreamRecord<>(
            new DeadLetter(
                reason, detail, source.origin(), source.original(), source.observedAtMillis())));
  }

  private static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> v.field() + ": " + v.kind() + " (" + v.detail() + ")")
        .collect(Collectors.joining("; "));
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    List<Map.Entry<WindowKey, DatasetProfile>> closed = new ArrayList<>();
    for (Iterator<Map.Entry<WindowKey, DatasetProfile>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<WindowKey, DatasetProfile> entry = it.next();
      if (windows.last(entry.getKey().windowStart) <= mark.getTimestamp()) {
        closed.add(entry);
        it.remove();
      }
    }
    admitted.keySet().removeIf(w -> windows.last(w.windowStart) <= mark.getTimestamp());
    closed.sort(Comparator.comparing(Map.Entry::getKey, WindowKey.ORDER));
    for (Map.Entry<WindowKey, DatasetProfile> entry : closed) {
      WindowKey key = entry.getKey();
      long windowEnd = key.windowStart + windowMillis;
      quality.onWindow(entry.getValue());
      output.collect(
          new StreamRecord<>(
              new WindowProfile(
                  key.dataset, key.version, key.windowStart, windowEnd, entry.getValue().toBytes()),
              windowEnd - 1));
    }
    Arrays.fill(recentProfiles, null);
    watermark = Math.max(watermark, mark.getTimestamp());
    super.processWatermark(mark);
  }

  /** Versions of {@code dataset} with metrics of their own on this subtask now (for tests). */
  int meteredVersions(String dataset) {
    return quality.meteredVersions(dataset);
  }

  /** Metric groups of {@code dataset}'s versions this subtask closed (for tests). */
  long retiredVersionGroups(String dataset) {
    return quality.retiredVersionGroups(dataset);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<WindowProfile> snapshot = new ArrayList<>(open.size());
    open.forEach(
        (key, profile) ->
            snapshot.add(
                new WindowProfile(
                    key.dataset,
                    key.version,
                    key.windowStart,
                    key.windowStart + windowMillis,
                    profile.toBytes())));
    checkpointed.update(snapshot);
    checkpointedClocks.update(clocks.snapshot());
    checkpointedWatermark.update(List.of(watermark));
  }

  private record WindowKey(String dataset, String version, long windowStart) {
    static final Comparator<WindowKey> ORDER =
        Comparator.comparingLong(WindowKey::windowStart)
            .thenComparing(WindowKey::dataset)
            .thenComparing(WindowKey::version);

    WindowKey {
      Objects.requireNonNull(dataset);
      Objects.requireNonNull(version);
    }

    DatasetWindow datasetWindow() {
      return new DatasetWindow(dataset, windowStart);
    }
  }

  private record DatasetWindow(String dataset, long windowStart) {}
}
