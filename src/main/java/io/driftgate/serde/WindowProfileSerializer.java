package io.driftgate.serde;

import io.driftgate.job.WindowProfile;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Partial window profiles from the profiling step to the merge, and the open windows both keep in
 * state.
 */
public final class WindowProfileSerializer extends VersionedSerializer<WindowProfile> {

  private static final long serialVersionUID = 1L;

  public WindowProfileSerializer() {
    super(WindowProfile.class, "driftgate.WindowProfile", 1, WindowProfileCodec.SCHEMA);
  }

  @Override
  protected void write(WindowProfile value, DataOutputView out) throws IOException {
    WindowProfileCodec.write(value, out);
  }

  @Override
  protected WindowProfile read(DataInputView in, int version) throws IOException {
    return WindowProfileCodec.read(in);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<WindowProfile> {
    public Snapshot() {
      super(new WindowProfileSerializer());
    }
  }
}
