package io.driftgate.profile;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The distribution of one numeric field: its exact values while there are few, then a binned sketch
 * (DDSketch with logarithmic bins).
 *
 * <p>Why bins rather than a KLL sketch: a bin is a pure function of the value, so the summary of a
 * multiset does not depend on how the records were split across subtasks or in which order they
 * were merged — merging is exact, associative and commutative, and the same input yields the same
 * decision at any parallelism. KLL compaction is randomized. Why the switch point is a pure
 * function of the total count: for the same reason — the form (exact or binned) of a merge result
 * depends only on how many values it holds.
 */
public final class NumericSummary {

  private final ProfileSettings settings;
  private double[] exact;
  private int exactCount;
  private DDSketch sketch;

  public NumericSummary(ProfileSettings settings) {
    this.settings = settings;
    this.exact = new double[Math.min(16, Math.max(1, settings.exactLimit()))];
  }

  /** Adds a finite value; callers reject NaN and infinities as contract violations first. */
  public void add(double value) {
    if (sketch != null) {
      sketch.accept(value);
    } else if (exactCount < settings.exactLimit()) {
      if (exactCount == exact.length) {
        exact = Arrays.copyOf(exact, Math.min(settings.exactLimit(), exact.length * 2));
      }
      exact[exactCount++] = value;
    } else {
      switchToSketch();
      sketch.accept(value);
    }
  }

  public void merge(NumericSummary other) {
    if (other.sketch == null && sketch == null) {
      if ((long) exactCount + other.exactCount <= settings.exactLimit()) {
        for (int i = 0; i < other.exactCount; i++) {
          add(other.exact[i]);
        }
        return;
      }
    }
    if (sketch == null) {
      switchToSketch();
    }
    if (other.sketch != null) {
      sketch.mergeWith(other.sketch);
    } else {
      for (int i = 0; i < other.exactCount; i++) {
        sketch.accept(other.exact[i]);
      }
    }
  }

  public long count() {
    return sketch == null ? exactCount : Math.round(sketch.getCount());
  }

  public boolean isExact() {
    return sketch == null;
  }

  /** The exact values in ascending order; only while {@link #isExact()}. */
  public double[] sortedValues() {
    if (sketch != null) {
      throw new IllegalStateException("summary holds a sketch, not exact values");
    }
    double[] copy = Arrays.copyOf(exact, exactCount);
    Arrays.sort(copy);
    return copy;
  }

  /** The values as a binned sketch (a fresh one built from the exact values when still exact). */
  public DDSketch binned() {
    if (sketch != null) {
      return sketch;
    }
    DDSketch built = newSketch(settings);
    for (int i = 0; i < exactCount; i++) {
      built.accept(exact[i]);
    }
    return built;
  }

  public ProfileSettings settings() {
    return settings;
  }

  /** Bytes this summary takes serialized: its share of a profile's state and checkpoint. */
  public int serializedBytes() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      writeTo(new java.io.DataOutputStream(bytes));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.size();
  }

  private void switchToSketch() {
    sketch = binned();
    exact = null;
    exactCount = 0;
  }

  static DDSketch newSketch(ProfileSettings settings) {
    Supplier<Store> store = () -> new CollapsingLowestDenseStore(settings.maxBins());
    return new DDSketch(new LogarithmicMapping(settings.relativeAccuracy()), store, store);
  }

  void writeTo(DataOutput out) throws IOException {
    if (sketch == null) {
      out.writeByte(0);
      double[] sorted = sortedValues();
      out.writeInt(sorted.length);
      for (double v : sorted) {
        out.writeDouble(v);
      }
    } else {
      out.writeByte(1);
      // The mapping is a function of the settings, which travel with the profile: omit it.
      GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withDefaultInitialCapacity();
      sketch.encode(encoded, true);
      byte[] bytes = encoded.trimmedCopy();
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  static NumericSummary readFrom(DataInput in, ProfileSettings settings) throws IOException {
    NumericSummary summary = new NumericSummary(settings);
    int form = in.readByte();
    int length = in.readInt();
    if (form == 0) {
      if (length > settings.exactLimit()) {
        throw new IOException(
            "exact numeric summary holds " + length + " values, limit is " + settings.exactLimit());
      }
      summary.exact = new double[Math.max(1, length)];
      for (int i = 0; i < length; i++) {
        summary.exact[i] = in.readDouble();
      }
      summary.exactCount = length;
    } else if (form == 1) {
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      DDSketch sketch = newSketch(settings);
      sketch.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
      summary.sketch = sketch;
      summary.exact = null;
    } else {
      throw new IOException("unknown numeric summary form " + form);
    }
    return summary;
  }
}
