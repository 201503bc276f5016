package io.driftgate.preflight;

import io.driftgate.contract.DataContract;
import io.driftgate.job.SourceRecord;
import io.driftgate.profile.ProfileSettings;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Profiles one version whole ({@link WholeVersion}) from its source and emits what it read when the
 * input ends. It runs at parallelism 1, so the records meet the profile in the order the source
 * read them, and the same files give the same bytes. It keeps no checkpointed state: the preflight
 * job is bounded and runs without checkpoints, so a failure restarts it from its sources.
 */
final class PreflightOperator extends AbstractStreamOperator<byte[]>
    implements OneInputStreamOperator<SourceRecord, byte[]>, BoundedOneInput {

  private static final long serialVersionUID = 1L;

  private final DataContract contract;
  private final ProfileSettings settings;
  private final String version;
  private transient WholeVersion whole;

  PreflightOperator(DataContract contract, ProfileSettings settings, String version) {
    this.contract = contract;
    this.settings = settings;
    this.version = version;
  }

  @Override
  public void open() throws Exception {
    super.open();
    whole = new WholeVersion(contract, version, settings);
  }

  @Override
  public void processElement(StreamRecord<SourceRecord> element) {
    whole.add(element.getValue());
  }

  @Override
  public void endInput() {
    output.collect(new StreamRecord<>(VersionRead.of(whole).toBytes()));
  }
}
