package io.driftgate.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The distribution of one numeric field as counts of values on a lattice whose precision adapts to
 * the data: a count per distinct value while there are at most {@code numericBins} of them, then
 * counts per bin at the finest precision that keeps at most that many non-empty bins.
 *
 * <p>The lattice: a double maps to a 64-bit key that orders like the double; dropping the key's low
 * {@code level} bits gives its bin. Level 0 is the value itself (exact), each level up halves the
 * precision of every bin, and bins of one level nest in those of the next. Because only non-empty
 * bins count, a field whose values crowd around 1.7e9 gets bins as fine as one near zero: the
 * precision follows the field's spread, not its magnitude (a fixed-precision sketch such as
 * DDSketch makes a bin 1% of |x| wide, i.e. wider than the spread of an epoch-like field).
 *
 * <p>Why it is a function of the multiset: the level is the smallest at which the values occupy at
 * most {@code numericBins} bins. That count only grows when values are added or summaries merged,
 * so adding and merging in any order reach the same level, and within a level the counts are the
 * multiset's. Merging is exact, associative and commutative, and serializes to the same bytes
 * (docs/statistics.md). A randomized sketch (KLL) could not promise that a replay decides alike.
 *
 * <p>How it is kept: the bins, canonical and in key order, in three parallel arrays, and the order
 * keys of the values added since in a buffer. When the buffer is full, or the summary is read or
 * merged, the buffer is sorted by bin (a radix sort over the key bits above the level) and folded
 * into the bins in one linear merge from the back, then the bins are coarsened to the canonical
 * level in one more pass. A hash map of bins made each value a random probe into tables that, for a
 * window's 42 summaries, did not fit the cache: the hot path's largest cost (issue 14). The result
 * does not depend on when the buffer is folded: the canonical form depends only on the multiset.
 */
public final class NumericSummary {

  /**
   * Distinct values in ascending order with how often each occurred.
   *
   * @param values distinct values, ascending ({@link Double#compare} order)
   * @param counts occurrences of {@code values[i]}, each &ge; 1
   * @param total the sum of {@code counts}
   */
  public record ValueCounts(double[] values, long[] counts, long total) {}

  /**
   * Non-empty bins of one level in ascending order.
   *
   * @param level the lattice level: 0 means every bin is one value
   * @param keys bin keys, ascending
   * @param counts values in {@code keys[i]}'s bin, each &ge; 1
   * @param singles the order key of the one value in {@code keys[i]}'s bin when it holds one value
   *     (however often), else {@link #MIXED}
   * @param total the sum of {@code counts}
   */
  public record Bins(int level, long[] keys, long[] counts, long[] singles, long total) {

    /** Whether bin {@code i} holds a single value (perhaps many times): a spike, such as 0. */
    public boolean isSingle(int i) {
      return singles[i] != MIXED;
    }

    /** The smallest value of bin {@code key} at this level. */
    public double lowerBound(long key) {
      return valueOf(key << level);
    }

    /** The largest value of bin {@code key} at this level. */
    public double upperBound(long key) {
      return valueOf(level == 0 ? key : (key << level) | ((1L << level) - 1));
    }
  }

  /** The highest level: two bins, the negative and the non-negative values. */
  static final int MAX_LEVEL = 63;

  /**
   * Marks a bin holding more than one distinct value. No finite value has this order key (it is a
   * NaN's), so it cannot be mistaken for one.
   */
  public static final long MIXED = Long.MIN_VALUE;

  /** The first size of the buffer of values; it doubles up to {@link #bufferLimit}. */
  private static final int BUFFER_FIRST = 64;

  /** The smallest buffer limit: below it a fold's fixed costs (a sort's counts) would dominate. */
  private static final int BUFFER_MIN_LIMIT = 256;

  private static final long[] NONE = new long[0];

  private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> NONE);

  private final ProfileSettings settings;
  // The order keys of the values added since the last fold, in arrival order.
  private long[] buffer = NONE;
  private int buffered;
  // The folded values' canonical bins in ascending key order: [0, distinct) of each array, the
  // bin's count, and the bin's one value's order key or MIXED.
  private int level;
  private long[] keys = NONE;
  private long[] counts = NONE;
  private long[] singles = NONE;
  private int distinct;
  // Every value added, folded or buffered.
  private long total;

  public NumericSummary(ProfileSettings settings) {
    this.settings = settings;
  }

  /** Adds a finite value; callers reject NaN and infinities as contract violations first. */
  public void add(double value) {
    if (buffered == buffer.length) {
      makeRoom();
    }
    buffer[buffered++] = orderKey(value);
    total++;
  }

  /** Doubles the buffer up to its limit, or folds it once it is there. */
  private void makeRoom() {
    int limit = bufferLimit();
    if (buffer.length < limit) {
      buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(BUFFER_FIRST, 2 * buffer.length)));
    } else {
      fold();
    }
  }

  /**
   * Folds the buffered values into the bins: sorted by bin, counted run by run (a run's one value
   * is kept while all its keys are equal), merged, then coarsened to the canonical level.
   */
  private void fold() {
    int n = buffered;
    if (n == 0) {
      return;
    }
    buffered = 0;
    long[] scratch = scratch(2 * n);
    RadixSort.sortAbove(buffer, n, scratch, level);
    // Runs of one bin, in place: keys into buffer, counts and singles into scratch.
    int runs = 0;
    for (int i = 0; i < n; ) {
      long first = buffer[i];
      long bin = first >> level;
      long single = first;
      int end = i + 1;
      while (end < n && buffer[end] >> level == bin) {
        single = combine(single, buffer[end]);
        end++;
      }
      buffer[runs] = bin;
      scratch[runs] = end - i;
      scratch[n + runs] = single;
      runs++;
      i = end;
    }
    mergeBins(buffer, scratch, scratch, n, runs, 0);
    canonicalize();
  }

  /**
   * Merges {@code m} bins in ascending key order, of level {@code this.level - shift}, into this
   * summary's bins, from the back: the merged bins end where both arrays' bins would end if none
   * met, so the write position never passes an unread bin of this summary.
   *
   * @param singlesAt where in {@code otherSingles} the first bin's single is
   */
  private void mergeBins(
      long[] otherKeys, long[] otherCounts, long[] otherSingles, int singlesAt, int m, int shift) {
    ensureCapacity(distinct + m);
    int i = distinct - 1;
    int j = m - 1;
    int out = distinct + m; // the last written bin is at out; nothing written yet
    int end = out;
    while (i >= 0 || j >= 0) {
      long key;
      long count;
      long single;
      if (j < 0 || (i >= 0 && keys[i] > otherKeys[j] >> shift)) {
        key = keys[i];
        count = counts[i];
        single = singles[i];
        i--;
      } else {
        key = otherKeys[j] >> shift;
        count = otherCounts[j];
        single = otherSingles[singlesAt + j];
        j--;
      }
      if (out < end && keys[out] == key) {
        counts[out] += count;
        singles[out] = combine(singles[out], single);
      } else {
        out--;
        keys[out] = key;
        counts[out] = count;
        singles[out] = single;
      }
    }
    distinct = end - out;
    System.arraycopy(keys, out, keys, 0, distinct);
    System.arraycopy(counts, out, counts, 0, distinct);
    System.arraycopy(singles, out, singles, 0, distinct);
  }

  /**
   * This thread's scratch of at least {@code size} longs: a fold needs one for its sort and runs,
   * and a window's 42 summaries fold thousands of times, so a new array each time would be most of
   * the hot path's garbage.
   */
  private static long[] scratch(int size) {
    long[] scratch = SCRATCH.get();
    if (scratch.length < size) {
      scratch = new long[Math.max(size, 2 * scratch.length)];
      SCRATCH.set(scratch);
    }
    return scratch;
  }

  private int bufferLimit() {
    return Math.max(BUFFER_MIN_LIMIT, 2 * settings.numericBins());
  }

  /**
   * Room for {@code bins} bins, with slack for the next merge up to the most a merge can need (the
   * canonical bins and a full buffer's runs), so that a summary grows its arrays once or twice.
   */
  private void ensureCapacity(int bins) {
    if (keys.length < bins) {
      int capacity = Math.max(bins, Math.min(2 * bins, settings.numericBins() + bufferLimit()));
      keys = Arrays.copyOf(keys, capacity);
      counts = Arrays.copyOf(counts, capacity);
      singles = Arrays.copyOf(singles, capacity);
    }
  }

  public void merge(NumericSummary other) {
    if (other == this) {
      throw new IllegalArgumentException(
          "a summary cannot merge itself: merge a copy read from bytes");
    }
    fold();
    other.fold();
    // Both levels are at most the union's canonical level: aligning at the higher loses nothing.
    if (other.level > level) {
      coarsen(other.level - level);
    }
    mergeBins(other.keys, other.counts, other.singles, 0, other.distinct, level - other.level);
    total += other.total;
    canonicalize();
  }

  public long count() {
    return total;
  }

  /** The lattice level: 0 while every distinct value is counted exactly. */
  public int level() {
    fold();
    return level;
  }

  /** Whether the summary holds the exact distribution: a count per distinct value. */
  public boolean isExact() {
    fold();
    return level == 0;
  }

  /** The exact distribution as distinct values and counts; only while {@link #isExact()}. */
  public ValueCounts valueCounts() {
    fold();
    if (level != 0) {
      throw new IllegalStateException("summary holds bins of level " + level + ", not values");
    }
    Bins bins = bins();
    double[] values = new double[bins.keys().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = valueOf(bins.keys()[i]);
    }
    return new ValueCounts(values, bins.counts(), total);
  }

  /** The non-empty bins at the summary's own level. */
  public Bins bins() {
    fold();
    return bins(level);
  }

  /**
   * The non-empty bins at {@code atLevel} (not below the summary's own): what the summary would
   * hold had its values needed that level, so two summaries can be compared bin for bin.
   */
  public Bins bins(int atLevel) {
    fold();
    if (atLevel < level || atLevel > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "level " + atLevel + " is not in [" + level + ", " + MAX_LEVEL + "]");
    }
    int down = atLevel - level;
    long[] binKeys = new long[distinct];
    long[] binCounts = new long[distinct];
    long[] binSingles = new long[distinct];
    int bins = -1;
    for (int i = 0; i < distinct; i++) {
      long coarse = keys[i] >> down;
      if (bins < 0 || binKeys[bins] != coarse) {
        binKeys[++bins] = coarse;
        binSingles[bins] = singles[i];
      } else {
        binSingles[bins] = combine(binSingles[bins], singles[i]);
      }
      binCounts[bins] += counts[i];
    }
    return new Bins(
        atLevel,
        Arrays.copyOf(binKeys, bins + 1),
        Arrays.copyOf(binCounts, bins + 1),
        Arrays.copyOf(binSingles, bins + 1),
        total);
  }

  /**
   * The largest value the bin holding the {@code q}-quantile may hold (the quantile itself while
   * exact): a conservative reading for a lag percentile; NaN when empty.
   */
  public double quantileUpperBound(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    Bins bins = bins();
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    int i = 0;
    while (seen + bins.counts()[i] < rank && i < bins.keys().length - 1) {
      seen += bins.counts()[i++];
    }
    double upper = bins.upperBound(bins.keys()[i]);
    return Double.isFinite(upper) ? upper : bins.lowerBound(bins.keys()[i]);
  }

  public ProfileSettings settings() {
    return settings;
  }

  /** Bytes this summary takes serialized: its share of a profile's state and checkpoint. */
  public int serializedBytes() {
    LockFreeBytes.Out bytes = new LockFreeBytes.Out();
    try {
      writeTo(new java.io.DataOutputStream(bytes));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.size();
  }

  /**
   * A key that orders like the value: the double's bits, with the magnitude bits of negative values
   * flipped. Both zeros get the key of +0.0, as they compare equal as numbers.
   */
  public static long orderKey(double value) {
    long bits = Double.doubleToRawLongBits(value == 0 ? 0.0 : value);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** The value of an order key (at level 0). */
  public static double valueOf(long orderKey) {
    return Double.longBitsToDouble(orderKey ^ ((orderKey >> 63) & Long.MAX_VALUE));
  }

  /** The one value of two bins' union, or {@link #MIXED}. */
  private static long combine(long single, long other) {
    return single == other ? single : MIXED;
  }

  /**
   * Coarsens to the canonical level: the smallest at which the values occupy at most {@code
   * numericBins} bins.
   */
  private void canonicalize() {
    if (distinct > settings.numericBins()) {
      coarsen(fittingShift());
    }
  }

  /**
   * The smallest shift of the keys that leaves at most {@code numericBins} distinct ones. Two keys
   * in order stay apart under a shift iff it is at most their highest differing bit, so counting
   * neighbours by that bit gives the count at every shift at once.
   */
  private int fittingShift() {
    int[] apartUpTo = new int[MAX_LEVEL + 2];
    for (int i = 1; i < distinct; i++) {
      apartUpTo[63 - Long.numberOfLeadingZeros(keys[i - 1] ^ keys[i])]++;
    }
    // Bins at a shift: 1 + neighbour pairs whose highest differing bit is at least that shift.
    int shift = MAX_LEVEL - level;
    int bins = 1;
    for (int bit = shift; bit < apartUpTo.length; bit++) {
      bins += apartUpTo[bit];
    }
    while (shift > 0 && bins + apartUpTo[shift - 1] <= settings.numericBins()) {
      bins += apartUpTo[--shift];
    }
    return shift;
  }

  /** Raises the level by {@code shift}, merging the bins that meet, in place and in one pass. */
  private void coarsen(int shift) {
    level += shift;
    int bins = -1;
    for (int i = 0; i < distinct; i++) {
      long coarse = keys[i] >> shift;
      if (bins >= 0 && keys[bins] == coarse) {
        counts[bins] += counts[i];
        singles[bins] = combine(singles[bins], singles[i]);
      } else {
        bins++;
        keys[bins] = coarse;
        counts[bins] = counts[i];
        singles[bins] = singles[i];
      }
    }
    distinct = bins + 1;
  }

  /**
   * Writes the level and the non-empty bins in key order: the first key, then gaps, each count
   * (shifted left, its low bit saying whether the bin holds one value) and, for a one-value bin
   * above level 0, where in the bin that value is — all as variable-length integers. Neighbouring
   * bins of a continuous field are a few keys apart, so a bin takes about three bytes. At worst the
   * gaps and offsets of b bins share the 64-bit key space (eight bytes a bin) and the counts of n
   * values take log2(n / b) bits each: under 30 KB for 2560 bins and a billion values.
   */
  public void writeTo(DataOutput out) throws IOException {
    fold();
    Bins bins = bins();
    out.writeByte(level);
    writeVarLong(out, bins.keys().length);
    long previous = 0;
    for (int i = 0; i < bins.keys().length; i++) {
      long key = bins.keys()[i];
      writeVarLong(out, i == 0 ? (key << 1) ^ (key >> 63) : key - previous);
      boolean single = bins.isSingle(i);
      writeVarLong(out, (bins.counts()[i] << 1) | (single ? 1 : 0));
      if (single && level > 0) {
        writeVarLong(out, bins.singles()[i] - (key << level));
      }
      previous = key;
    }
  }

  public static NumericSummary readFrom(DataInput in, ProfileSettings settings) throws IOException {
    NumericSummary summary = new NumericSummary(settings);
    int level = in.readByte();
    long bins = readVarLong(in);
    if (level < 0 || level > MAX_LEVEL || bins < 0 || bins > settings.numericBins()) {
      throw new IOException(
          "numeric summary of level " + level + " with " + bins + " bins is out of range");
    }
    summary.level = level;
    summary.ensureCapacity((int) bins);
    long key = 0;
    long total = 0;
    for (int i = 0; i < bins; i++) {
      long raw = readVarLong(in);
      long next = i == 0 ? (raw >>> 1) ^ -(raw & 1) : key + raw;
      long countAndFlag = readVarLong(in);
      long count = countAndFlag >>> 1;
      boolean single = (countAndFlag & 1) == 1;
      if (count <= 0 || (i > 0 && next <= key) || (level == 0 && !single)) {
        throw new IOException("numeric summary is not canonical at bin " + i);
      }
      key = next;
      long value = MIXED;
      if (level == 0) {
        value = key;
      } else if (single) {
        long offset = readVarLong(in);
        if (level < 63 && Long.compareUnsigned(offset, 1L << level) >= 0) {
          throw new IOException("numeric summary's value lies outside its bin " + i);
        }
        value = (key << level) + offset;
      }
      summary.keys[i] = key;
      summary.counts[i] = count;
      summary.singles[i] = value;
      total += count;
    }
    summary.distinct = (int) bins;
    summary.total = total;
    return summary;
  }

  private static void writeVarLong(DataOutput out, long value) throws IOException {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarLong(DataInput in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("variable-length integer longer than 64 bits");
  }
}
