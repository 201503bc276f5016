package io.driftgate.job;

import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.serde.DriftgateTypes;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Merges the partial profiles of one dataset version's window from every profiling subtask, and
 * emits the window once the watermark says no partial is still on its way. Keyed state is touched
 * once per partial, not per record.
 *
 * <p>A partial can still come after its window was emitted: from a profiling subtask whose
 * partitions were idle while the others moved event time on. It is dropped and counted ({@link
 * JobMetrics#LATE_PARTIALS}), never evaluated as a second window of the same time: the gate would
 * count its records twice over the stage and the decision log would depend on timing.
 */
public final class ProfileMerger extends KeyedProcessFunction<String, WindowProfile, GateInput> {

  private static final long serialVersionUID = 1L;

  private final ProfileFit fit;

  private transient MapState<Long, WindowProfile> windows;
  private transient Counter droppedOnUpgrade;
  private transient Counter latePartials;
  private transient Counter latePartialRecords;

  public ProfileMerger(ContractCatalog catalog, ProfileSettings settings) {
    this.fit = new ProfileFit(catalog, settings);
  }

  @Override
  public void open(OpenContext openContext) {
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(JobMetrics.GROUP);
    droppedOnUpgrade = group.counter(JobMetrics.RECORDS_DROPPED_ON_UPGRADE);
    latePartials = group.counter(JobMetrics.LATE_PARTIALS);
    latePartialRecords = group.counter(JobMetrics.LATE_PARTIAL_RECORDS);
    windows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("windows", Types.LONG, DriftgateTypes.WINDOW_PROFILE));
  }

  @Override
  public void processElement(WindowProfile partial, Context ctx, Collector<GateInput> out)
      throws Exception {
    if (partial.windowEnd() - 1 <= ctx.timerService().currentWatermark()) {
      latePartials.inc();
      latePartialRecords.inc(DatasetProfile.recordsOf(partial.profile()));
      return;
    }
    WindowProfile merged = windows.get(partial.windowEnd());
    DatasetProfile profile = merged == null ? null : DatasetProfile.fromBytes(merged.profile());
    if (profile != null && !fit.fits(profile)) {
      fit.drop(profile, merged.windowStart(), droppedOnUpgrade); // restored from before an upgrade
      merged = null;
    }
    if (merged == null) {
      merged = partial;
      ctx.timerService().registerEventTimeTimer(partial.windowEnd() - 1);
    } else {
      profile.merge(DatasetProfile.fromBytes(partial.profile()));
      merged =
          new WindowProfile(
              merged.dataset(),
              merged.version(),
              merged.windowStart(),
              merged.windowEnd(),
              profile.toBytes());
    }
    windows.put(partial.windowEnd(), merged);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<GateInput> out)
      throws Exception {
    long windowEnd = timestamp + 1;
    WindowProfile merged = windows.get(windowEnd);
    if (merged != null) {
      windows.remove(windowEnd);
      DatasetProfile profile = DatasetProfile.fromBytes(merged.profile());
      if (fit.fits(profile)) {
        out.collect(new GateInput.Window(merged));
      } else {
        fit.drop(profile, merged.windowStart(), droppedOnUpgrade);
      }
    }
  }
}
