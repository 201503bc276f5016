package io.driftgate.job;

import java.io.Serializable;

/**
 * A profile of one dataset version over one event-time window, partial (one subtask's share) or
 * merged. The profile travels in its canonical bytes: merging them is exact and order-free.
 */
public record WindowProfile(
    String dataset, String version, long windowStart, long windowEnd, byte[] profile)
    implements Serializable {

  /** The key of the merge step: one dataset version. */
  public String versionKey() {
    return dataset + '@' + version;
  }
}
