package io.driftgate.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Distinct values of a unique key (HyperLogLog, HLL_8), to bound the duplicate rate.
 *
 * <p>Estimates use the composite estimator, a function of the registers alone: the historic
 * inverse-probability estimator depends on arrival order, so a profile merged from two subtasks
 * would otherwise report a different number than one built from a single stream.
 */
public final class DistinctSummary {

  private static final int STD_DEVS = 3;

  private final int lgK;
  private HllSketch sketch;

  public DistinctSummary(int lgK) {
    this.lgK = lgK;
    this.sketch = new HllSketch(lgK, TgtHllType.HLL_8);
  }

  public void add(String key) {
    sketch.update(key);
  }

  public void merge(DistinctSummary other) {
    Union union = new Union(lgK);
    union.update(sketch);
    union.update(other.sketch);
    sketch = union.getResult(TgtHllType.HLL_8);
  }

  public double estimate() {
    return sketch.getCompositeEstimate();
  }

  /** An upper bound (three standard deviations) on the number of distinct keys. */
  public double upperBound() {
    if (!sketch.isEstimationMode()) {
      return estimate();
    }
    return estimate() * (1 + Math.abs(HllSketch.getRelErr(true, true, lgK, STD_DEVS)));
  }

  void writeTo(DataOutput out) throws IOException {
    byte[] bytes = sketch.toCompactByteArray();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static DistinctSummary readFrom(DataInput in, int lgK) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    DistinctSummary summary = new DistinctSummary(lgK);
    summary.sketch = HllSketch.heapify(bytes).copyAs(TgtHllType.HLL_8);
    return summary;
  }
}
