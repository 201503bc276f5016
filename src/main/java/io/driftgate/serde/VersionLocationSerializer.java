package io.driftgate.serde;

import io.driftgate.store.VersionLocation;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Where a started rollout's candidate lives, from the controller to the location sink. */
public final class VersionLocationSerializer extends VersionedSerializer<VersionLocation> {

  private static final long serialVersionUID = 1L;

  static final String SCHEMA =
      "VersionLocation(dataset:str,version:str,location:str,recordedBy:str,recordedAt:instant)";

  public VersionLocationSerializer() {
    super(VersionLocation.class, "driftgate.VersionLocation", 1, SCHEMA);
  }

  @Override
  protected void write(VersionLocation value, DataOutputView out) throws IOException {
    BinaryValues.writeString(value.dataset(), out);
    BinaryValues.writeString(value.version(), out);
    BinaryValues.writeString(value.location(), out);
    BinaryValues.writeString(value.recordedBy(), out);
    BinaryValues.writeInstant(value.recordedAt(), out);
  }

  @Override
  protected VersionLocation read(DataInputView in, int version) throws IOException {
    return new VersionLocation(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readInstant(in));
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<VersionLocation> {
    public Snapshot() {
      super(new VersionLocationSerializer());
    }
  }
}
