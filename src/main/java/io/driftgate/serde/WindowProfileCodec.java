package io.driftgate.serde;

import io.driftgate.job.WindowProfile;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A window's profile of one version. The profile is already in its own versioned format ({@code
 * DatasetProfile.toBytes}) and travels as those bytes: merging them is exact, and re-encoding would
 * only cost time on the job's busiest keyed edge.
 */
final class WindowProfileCodec {

  static final String SCHEMA =
      "WindowProfile(dataset:str,version:str,windowStart:long,windowEnd:long,"
          + "profile:bytes? DatasetProfile)";

  private WindowProfileCodec() {}

  static void write(WindowProfile profile, DataOutputView out) throws IOException {
    BinaryValues.writeString(profile.dataset(), out);
    BinaryValues.writeString(profile.version(), out);
    out.writeLong(profile.windowStart());
    out.writeLong(profile.windowEnd());
    BinaryValues.writeBytes(profile.profile(), out);
  }

  static WindowProfile read(DataInputView in) throws IOException {
    return new WindowProfile(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        in.readLong(),
        in.readLong(),
        BinaryValues.readBytes(in));
  }
}
