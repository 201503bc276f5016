package io.driftgate.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketches;
import org.apache.datasketches.theta.Union;

/**
 * Distinct values of a unique key, to bound the duplicate rate: a Theta sketch (the k smallest
 * 64-bit key hashes).
 *
 * <p>Why Theta rather than HyperLogLog: the union's result is exactly the k smallest hashes of
 * every key seen, whatever the split or order, so equal key sets give equal bytes and estimates;
 * and below k distinct keys it counts exactly, so small rollouts get exact duplicate counts.
 */
public final class DistinctSummary {

  private static final int STD_DEVS = 3;

  private final int nominalEntries;
  private final Union union;

  public DistinctSummary(int lgK) {
    this.nominalEntries = 1 << lgK;
    this.union = SetOperation.builder().setNominalEntries(nominalEntries).buildUnion();
  }

  public void add(String key) {
    union.update(key);
  }

  public void merge(DistinctSummary other) {
    union.union(other.union.getResult());
  }

  public double estimate() {
    return union.getResult().getEstimate();
  }

  /** An upper bound (three standard deviations) on the number of distinct keys. */
  public double upperBound() {
    return union.getResult().getUpperBound(STD_DEVS);
  }

  void writeTo(DataOutput out) throws IOException {
    byte[] bytes = union.getResult(true, null).toByteArray();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static DistinctSummary readFrom(DataInput in, int lgK) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    DistinctSummary summary = new DistinctSummary(lgK);
    CompactSketch sketch = Sketches.heapifyCompactSketch(Memory.wrap(bytes));
    summary.union.union(sketch);
    return summary;
  }
}
