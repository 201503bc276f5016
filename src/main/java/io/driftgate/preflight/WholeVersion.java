package io.driftgate.preflight;

import io.driftgate.contract.DataContract;
import io.driftgate.job.SourceRecord;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.wire.ObservedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One version profiled whole: every record its source read goes into one profile through the job's
 * own contract check and profiler ({@link RecordProfiler}), so violations count exactly as on the
 * records topic. There are no windows and no lateness: a version read whole has no order to be late
 * in. A row the source could not make a record of, or a record of another dataset or version, is
 * unreadable: counted, with the first few kept to show why.
 */
public final class WholeVersion {

  /** How many unreadable rows are kept as examples. */
  static final int SAMPLES = 5;

  private final String dataset;
  private final String version;
  private final RecordProfiler profiler;
  private final DatasetProfile profile;
  private final List<String> samples = new ArrayList<>();
  private long unreadable;

  public WholeVersion(DataContract contract, String version, ProfileSettings settings) {
    this.dataset = contract.dataset();
    this.version = version;
    this.profiler = new RecordProfiler(contract);
    this.profile = DatasetProfile.forContract(contract, version, settings);
  }

  public void add(SourceRecord source) {
    if (!source.parsed()) {
      unreadable(source, source.rejection().reason() + ": " + source.rejection().detail());
      return;
    }
    ObservedRecord record = source.record();
    if (!record.dataset().equals(dataset) || !record.version().equals(version)) {
      unreadable(
          source,
          "a record of "
              + record.dataset()
              + " "
              + record.version()
              + " in the source of "
              + dataset
              + " "
              + version);
      return;
    }
    profiler.observe(profile, record.row(), record.eventTimeMillis(), source.observedAtMillis());
  }

  public String version() {
    return version;
  }

  public DatasetProfile profile() {
    return profile;
  }

  public long unreadable() {
    return unreadable;
  }

  /** The first unreadable rows, {@code origin: reason}. */
  public List<String> samples() {
    return List.copyOf(samples);
  }

  private void unreadable(SourceRecord source, String why) {
    unreadable++;
    if (samples.size() < SAMPLES) {
      samples.add(source.origin() + ": " + why);
    }
  }
}
