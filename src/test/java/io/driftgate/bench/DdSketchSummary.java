package io.driftgate.bench;

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
 * The numeric summary driftgate used before the adaptive-precision lattice (profile format 1), kept
 * in the tests only to compare with, side by side in one run (DriftRuleBenchmark): values, then
 * counts, then DDSketch bins of 1% relative width. Its settings are passed explicitly.
 *
 * <p>Original description: the distribution of one numeric field in the most exact form its size
 * allows: its values while there are few, then a count per distinct value while there are few
 * distinct values, then a binned sketch (DDSketch with logarithmic bins).
 *
 * <p>Why bins rather than a KLL sketch: a bin is a pure function of the value, so the summary of a
 * multiset does not depend on how the records were split across subtasks or in which order they
 * were merged — merging is exact, associative and commutative, and the same input yields the same
 * decision at any parallelism. KLL compaction is randomized. Why the form is a pure function of the
 * multiset (values while n &le; {@code exactLimit}, else counts while the distinct values number at
 * most {@link #countLimit}, else bins): for the same reason — both n and the number of distinct
 * values only grow under adding and merging, so every split and merge order ends in the same form.
 */
public final class DdSketchSummary {

  /** The previous defaults: 2048 exact values, 1% relative bins, 2048 bins per sign. */
  public record Settings(int exactLimit, double relativeAccuracy, int maxBins) {
    public static final Settings DEFAULTS = new Settings(2048, 0.01, 2048);
  }

  /** How a summary holds its values. */
  public enum Form {
    /** Every value ({@code count() <= exactLimit}). */
    VALUES,
    /** A count per distinct value (more than {@code exactLimit} values, few distinct ones). */
    COUNTS,
    /** Logarithmic bins. */
    BINNED
  }

  /**
   * Distinct values in ascending order with how often each occurred.
   *
   * @param values distinct values, ascending ({@link Double#compare} order)
   * @param counts occurrences of {@code values[i]}, each &ge; 1
   * @param total the sum of {@code counts}
   */
  public record ValueCounts(double[] values, long[] counts, long total) {}

  private static final int MIN_SLOTS = 16;

  private final Settings settings;
  // VALUES form: the first exactCount entries.
  private double[] exact;
  private int exactCount;
  // COUNTS form: an open-addressing map from value bits to count; a count of 0 marks a free slot.
  private long[] keys;
  private long[] counts;
  private int distinct;
  private long total;
  // BINNED form.
  private DDSketch sketch;

  public DdSketchSummary(Settings settings) {
    this.settings = settings;
    this.exact = new double[Math.min(16, Math.max(1, settings.exactLimit()))];
  }

  /**
   * Distinct values a summary counts exactly once it holds more than {@code exactLimit} values:
   * half the exact limit, so that the counts form (16 bytes per distinct value serialized) stays
   * within the size of the values form at its limit (8 bytes per value).
   */
  public static int countLimit(Settings settings) {
    return settings.exactLimit() / 2;
  }

  /** Adds a finite value; callers reject NaN and infinities as contract violations first. */
  public void add(double value) {
    if (sketch != null) {
      sketch.accept(value);
    } else if (keys != null) {
      addCount(value, 1);
    } else if (exactCount < settings.exactLimit()) {
      if (exactCount == exact.length) {
        exact = Arrays.copyOf(exact, Math.min(settings.exactLimit(), exact.length * 2));
      }
      exact[exactCount++] = value;
    } else {
      leaveValues();
      add(value);
    }
  }

  public void merge(DdSketchSummary other) {
    if (other.sketch != null) {
      if (sketch == null) {
        switchToSketch();
      }
      sketch.mergeWith(other.sketch);
    } else if (other.keys != null) {
      for (int slot = 0; slot < other.keys.length; slot++) {
        if (other.counts[slot] != 0) {
          add(Double.longBitsToDouble(other.keys[slot]), other.counts[slot]);
        }
      }
    } else {
      for (int i = 0; i < other.exactCount; i++) {
        add(other.exact[i]);
      }
    }
  }

  /** Adds {@code count} copies of {@code value} (from a merge), whatever the current form. */
  private void add(double value, long count) {
    if (sketch != null) {
      sketch.accept(value, count);
    } else if (keys != null) {
      addCount(value, count);
    } else if (exactCount + count <= settings.exactLimit()) {
      for (long i = 0; i < count; i++) {
        add(value);
      }
    } else {
      leaveValues();
      add(value, count);
    }
  }

  public long count() {
    if (sketch != null) {
      return Math.round(sketch.getCount());
    }
    return keys != null ? total : exactCount;
  }

  public Form form() {
    return sketch != null ? Form.BINNED : keys != null ? Form.COUNTS : Form.VALUES;
  }

  /** Whether the summary holds the exact distribution: its values or a count per value. */
  public boolean isExact() {
    return sketch == null;
  }

  /** The exact values in ascending order; only in the {@link Form#VALUES} form. */
  public double[] sortedValues() {
    if (sketch != null || keys != null) {
      throw new IllegalStateException("summary holds " + form() + ", not the values");
    }
    double[] copy = Arrays.copyOf(exact, exactCount);
    Arrays.sort(copy);
    return copy;
  }

  /** The exact distribution as distinct values and counts; only while {@link #isExact()}. */
  public ValueCounts valueCounts() {
    if (sketch != null) {
      throw new IllegalStateException("summary holds a sketch, not exact values");
    }
    if (keys != null) {
      double[] values = sortedDistinct();
      long[] occurrences = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        occurrences[i] = counts[find(Double.doubleToLongBits(values[i]))];
      }
      return new ValueCounts(values, occurrences, total);
    }
    double[] sorted = sortedValues();
    int groups = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || Double.compare(sorted[i], sorted[i - 1]) != 0) {
        groups++;
      }
    }
    double[] values = new double[groups];
    long[] occurrences = new long[groups];
    int g = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || Double.compare(sorted[i], sorted[i - 1]) != 0) {
        values[++g] = sorted[i];
      }
      occurrences[g]++;
    }
    return new ValueCounts(values, occurrences, sorted.length);
  }

  /**
   * The values as a binned sketch: the summary's own once binned, else a fresh one holding exactly
   * what adding every value one by one would.
   */
  public DDSketch binned() {
    if (sketch != null) {
      return sketch;
    }
    DDSketch built = newSketch(settings);
    if (keys != null) {
      for (double value : sortedDistinct()) {
        built.accept(value, counts[find(Double.doubleToLongBits(value))]);
      }
    } else {
      for (int i = 0; i < exactCount; i++) {
        built.accept(exact[i]);
      }
    }
    return built;
  }

  public Settings settings() {
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

  /**
   * Leaves the values form, which is full: to counts when its values are few distinct ones, else to
   * bins. Counting stops at the first value past the count limit, so a continuous field pays about
   * {@code countLimit} map inserts here, once, and no sort.
   */
  private void leaveValues() {
    allocateSlots(slotsFor(Math.min(countLimit(settings), exactCount)));
    for (int i = 0; i < exactCount; i++) {
      if (!tryCount(exact[i], 1)) {
        keys = null;
        counts = null;
        switchToSketch();
        return;
      }
    }
    exact = null;
    exactCount = 0;
  }

  /** Counts {@code count} more of {@code value}; switches to bins past the count limit. */
  private void addCount(double value, long count) {
    if (!tryCount(value, count)) {
      switchToSketch();
      sketch.accept(value, count);
    }
  }

  /**
   * Counts {@code count} more of {@code value}, or returns false, changing nothing, when it is a
   * new value and the count limit is reached.
   */
  private boolean tryCount(double value, long count) {
    long bits = Double.doubleToLongBits(value);
    int mask = keys.length - 1;
    int slot = (int) mix(bits) & mask;
    while (counts[slot] != 0) {
      if (keys[slot] == bits) {
        counts[slot] += count;
        total += count;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (distinct == countLimit(settings)) {
      return false;
    }
    keys[slot] = bits;
    counts[slot] = count;
    distinct++;
    total += count;
    if (2 * distinct > keys.length) {
      long[] oldKeys = keys;
      long[] oldCounts = counts;
      long oldTotal = total;
      allocateSlots(2 * keys.length);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldCounts[i] != 0) {
          tryCount(Double.longBitsToDouble(oldKeys[i]), oldCounts[i]);
        }
      }
      total = oldTotal;
    }
    return true;
  }

  /** The slot holding {@code bits}, which must be present. */
  private int find(long bits) {
    int mask = keys.length - 1;
    int slot = (int) mix(bits) & mask;
    while (keys[slot] != bits || counts[slot] == 0) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private double[] sortedDistinct() {
    double[] values = new double[distinct];
    int i = 0;
    for (int slot = 0; slot < keys.length; slot++) {
      if (counts[slot] != 0) {
        values[i++] = Double.longBitsToDouble(keys[slot]);
      }
    }
    Arrays.sort(values);
    return values;
  }

  private void allocateSlots(int slots) {
    keys = new long[slots];
    counts = new long[slots];
    distinct = 0;
    total = 0;
  }

  /** Slots for {@code distinct} values at a load of at most one half (a power of two). */
  private static int slotsFor(int distinct) {
    return Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, 2 * distinct - 1)) << 1);
  }

  /** Murmur3's 64-bit finalizer: whole numbers differ only in their high bits. */
  private static long mix(long bits) {
    long h = bits;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private void switchToSketch() {
    sketch = binned();
    exact = null;
    exactCount = 0;
    keys = null;
    counts = null;
    distinct = 0;
    total = 0;
  }

  static DDSketch newSketch(Settings settings) {
    Supplier<Store> store = () -> new CollapsingLowestDenseStore(settings.maxBins());
    return new DDSketch(new LogarithmicMapping(settings.relativeAccuracy()), store, store);
  }

  public void writeTo(DataOutput out) throws IOException {
    if (sketch == null && keys == null) {
      out.writeByte(0);
      double[] sorted = sortedValues();
      out.writeInt(sorted.length);
      for (double v : sorted) {
        out.writeDouble(v);
      }
    } else if (keys != null) {
      out.writeByte(2);
      ValueCounts sorted = valueCounts();
      out.writeInt(sorted.values().length);
      for (int i = 0; i < sorted.values().length; i++) {
        out.writeDouble(sorted.values()[i]);
        out.writeLong(sorted.counts()[i]);
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

  public static DdSketchSummary readFrom(DataInput in, Settings settings) throws IOException {
    DdSketchSummary summary = new DdSketchSummary(settings);
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
    } else if (form == 2) {
      if (length > countLimit(settings)) {
        throw new IOException(
            "counted numeric summary holds "
                + length
                + " distinct values, limit is "
                + countLimit(settings));
      }
      summary.allocateSlots(slotsFor(length));
      double previous = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < length; i++) {
        double value = in.readDouble();
        long count = in.readLong();
        if (count <= 0 || !(i == 0 || Double.compare(value, previous) > 0)) {
          throw new IOException("counted numeric summary is not canonical at entry " + i);
        }
        summary.addCount(value, count);
        previous = value;
      }
      if (summary.total <= settings.exactLimit()) {
        throw new IOException(
            "counted numeric summary holds "
                + summary.total
                + " values, fewer than the exact limit "
                + settings.exactLimit());
      }
      summary.exact = null;
    } else {
      throw new IOException("unknown numeric summary form " + form);
    }
    return summary;
  }
}
