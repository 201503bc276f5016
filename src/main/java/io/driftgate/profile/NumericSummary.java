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
 * <p>A new summary first only collects its values' order keys, and builds its map from them sorted
 * when it has {@code 2 * numericBins} of them or is read or merged: a window's summary of a
 * continuous field would otherwise insert each of its first thousands of values as a new bin,
 * growing and re-sorting its map at every doubling, only to coarsen them all away (the hot path's
 * largest cost, issue 14). Built from sorted keys, the map starts at the canonical level of those
 * values in one pass. The result is the same: the canonical form depends only on the multiset.
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

  private static final int MIN_SLOTS = 16;

  /** The first size of the buffer of first values; it doubles up to {@code 2 * numericBins}. */
  private static final int PENDING_FIRST = 64;

  /** Bits a slot number takes when packed below a key; the table never has more slots. */
  private static final int SLOT_BITS = 13;

  /**
   * From this level on a key has {@link #SLOT_BITS} spare high bits (keys at level r < 2^(63-r)).
   */
  private static final int PACKED_LEVEL = SLOT_BITS + 1;

  private static final long FIBONACCI = 0x9E3779B97F4A7C15L;

  private final ProfileSettings settings;
  // The order keys of the first values added, not yet in the map, which is empty while they are
  // collected; null once the map is built.
  private long[] pending = new long[PENDING_FIRST];
  private int pendingCount;
  private int level;
  // An open-addressing map from bin key to count (and the bin's one value's order key, or MIXED);
  // a count of 0 marks a free slot.
  private long[] keys;
  private long[] counts;
  private long[] singles;
  private int shift;
  private int distinct;
  private long total;
  // The occupied slots in key order as last sorted, and slots taken since (in no order): an
  // evaluation after a window's merge then sorts only the window's new bins.
  private int[] ordered = new int[0];
  private int[] added = new int[MIN_SLOTS];
  private int addedCount;

  public NumericSummary(ProfileSettings settings) {
    this.settings = settings;
    allocateSlots(MIN_SLOTS);
  }

  /** Adds a finite value; callers reject NaN and infinities as contract violations first. */
  public void add(double value) {
    long orderKey = orderKey(value);
    if (pending != null) {
      if (pendingCount < pending.length || growPending()) {
        pending[pendingCount++] = orderKey;
        total++;
        return;
      }
      build();
    }
    addKey(orderKey >> level, 1, orderKey);
  }

  /**
   * Doubles the buffer of first values unless it holds {@code 2 * numericBins} already.
   *
   * @return whether it grew
   */
  private boolean growPending() {
    int limit = 2 * settings.numericBins();
    if (pending.length >= limit) {
      return false;
    }
    pending = Arrays.copyOf(pending, Math.min(limit, 2 * pending.length));
    return true;
  }

  /**
   * Builds the map from the buffered first values, sorted: at the canonical level of those values
   * when they are more than {@code numericBins} distinct ones (else exact), each bin inserted once
   * with its run's count, in key order.
   */
  private void build() {
    if (pending == null) {
      return;
    }
    long[] sorted = pending;
    int n = pendingCount;
    pending = null;
    pendingCount = 0;
    RadixSort.sort(sorted, n, new long[n]);
    int[] apartUpTo = new int[MAX_LEVEL + 2];
    int distinctValues = n == 0 ? 0 : 1;
    for (int i = 1; i < n; i++) {
      long differing = sorted[i - 1] ^ sorted[i];
      if (differing != 0) {
        apartUpTo[63 - Long.numberOfLeadingZeros(differing)]++;
        distinctValues++;
      }
    }
    long keptTotal = total;
    int newLevel = distinctValues > settings.numericBins() ? fittingShift(apartUpTo, MAX_LEVEL) : 0;
    int bins = distinctValues;
    for (int bit = 0; bit < newLevel; bit++) {
      bins -= apartUpTo[bit];
    }
    level = newLevel;
    allocateSlots(slotsFor(bins));
    for (int i = 0; i < n; ) {
      int run = i + 1;
      while (run < n && sorted[run] == sorted[i]) {
        run++;
      }
      insert(sorted[i] >> level, run - i, sorted[i]);
      i = run;
    }
    addedInKeyOrder();
    total = keptTotal;
  }

  /** The table size the map grows to for {@code bins} bins (at most three quarters full). */
  private static int slotsFor(int bins) {
    int slots = MIN_SLOTS;
    while (4 * bins > 3 * slots) {
      slots *= 2;
    }
    return slots;
  }

  public void merge(NumericSummary other) {
    build();
    other.build();
    // Both levels are at most the union's canonical level: aligning at the higher loses nothing.
    if (other.level > level) {
      rehash(other.level, keys.length);
    }
    for (int slot = 0; slot < other.keys.length; slot++) {
      if (other.counts[slot] != 0) {
        // The level may rise during the loop: shift each key by the level at its turn.
        addKey(other.keys[slot] >> (level - other.level), other.counts[slot], other.singles[slot]);
      }
    }
  }

  public long count() {
    return total;
  }

  /** The lattice level: 0 while every distinct value is counted exactly. */
  public int level() {
    canonicalize();
    return level;
  }

  /** Whether the summary holds the exact distribution: a count per distinct value. */
  public boolean isExact() {
    canonicalize();
    return level == 0;
  }

  /** The exact distribution as distinct values and counts; only while {@link #isExact()}. */
  public ValueCounts valueCounts() {
    canonicalize();
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
    canonicalize();
    return bins(level);
  }

  /**
   * The non-empty bins at {@code atLevel} (not below the summary's own): what the summary would
   * hold had its values needed that level, so two summaries can be compared bin for bin.
   */
  public Bins bins(int atLevel) {
    canonicalize();
    if (atLevel < level || atLevel > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "level " + atLevel + " is not in [" + level + ", " + MAX_LEVEL + "]");
    }
    int[] order = slotsInKeyOrder();
    int down = atLevel - level;
    long[] binKeys = new long[distinct];
    long[] binCounts = new long[distinct];
    long[] binSingles = new long[distinct];
    int bins = -1;
    for (int slot : order) {
      long coarse = keys[slot] >> down;
      if (bins < 0 || binKeys[bins] != coarse) {
        binKeys[++bins] = coarse;
        binSingles[bins] = singles[slot];
      } else {
        binSingles[bins] = combine(binSingles[bins], singles[slot]);
      }
      binCounts[bins] += counts[slot];
    }
    return new Bins(
        atLevel,
        Arrays.copyOf(binKeys, bins + 1),
        Arrays.copyOf(binCounts, bins + 1),
        Arrays.copyOf(binSingles, bins + 1),
        total);
  }

  /**
   * The occupied slots in ascending key order: the slots sorted last time, merged with those taken
   * since, sorted. An evaluation compares the summaries after each window, so it sorts only the
   * window's new bins, not all of them.
   */
  private int[] slotsInKeyOrder() {
    if (addedCount == 0) {
      return ordered;
    }
    int[] fresh = sortByKey(Arrays.copyOf(added, addedCount));
    int[] merged = new int[ordered.length + fresh.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < ordered.length || j < fresh.length) {
      boolean takeOld =
          j == fresh.length || (i < ordered.length && keys[ordered[i]] < keys[fresh[j]]);
      merged[k++] = takeOld ? ordered[i++] : fresh[j++];
    }
    ordered = merged;
    addedCount = 0;
    return ordered;
  }

  /**
   * Slots sorted by their keys. Above level {@link #PACKED_LEVEL} a key leaves room below it for a
   * slot number, so one sort of packed longs does it; below, keys are sorted and looked up.
   */
  private int[] sortByKey(int[] slots) {
    boolean packed = level >= PACKED_LEVEL && keys.length <= 1 << SLOT_BITS;
    long[] sorted = new long[slots.length];
    for (int i = 0; i < slots.length; i++) {
      sorted[i] = packed ? (keys[slots[i]] << SLOT_BITS) | slots[i] : keys[slots[i]];
    }
    RadixSort.sort(sorted, sorted.length, new long[sorted.length]);
    for (int i = 0; i < slots.length; i++) {
      slots[i] = packed ? (int) (sorted[i] & ((1 << SLOT_BITS) - 1)) : find(sorted[i]);
    }
    return slots;
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

  /**
   * Counts {@code count} more in bin {@code key}, whose values are {@code single} (or {@link
   * #MIXED}), then coarsens past the bin limit.
   */
  private void addKey(long key, long count, long single) {
    total += count;
    if (!insert(key, count, single)) {
      return;
    }
    if (distinct > 2 * settings.numericBins()) {
      canonicalize();
    } else if (4 * distinct > 3 * keys.length) {
      rehash(level, 2 * keys.length);
    }
  }

  /** The one value of two bins' union, or {@link #MIXED}. */
  private static long combine(long single, long other) {
    return single == other ? single : MIXED;
  }

  /**
   * Coarsens to the canonical level: the smallest at which the values occupy at most {@code
   * numericBins} bins. Between canonicalizations the map may hold up to twice that many finer bins
   * — finer bins nest, so the canonical form follows from them exactly — which makes coarsening
   * rare even for a heavy tail, whose every coarser level merges only a few bins. Every reading of
   * the summary (its bins, level, bytes) canonicalizes first.
   */
  private void canonicalize() {
    build();
    if (distinct > settings.numericBins()) {
      rehash(level + fittingShift(), keys.length);
    }
  }

  /**
   * The smallest shift of the keys that leaves at most {@code numericBins} distinct ones. Two keys
   * in order stay apart under a shift iff it is at most their highest differing bit, so counting
   * neighbours by that bit gives the count at every shift at once.
   */
  private int fittingShift() {
    int[] order = slotsInKeyOrder();
    int[] apartUpTo = new int[MAX_LEVEL + 2];
    for (int i = 1; i < order.length; i++) {
      long differing = keys[order[i - 1]] ^ keys[order[i]];
      apartUpTo[63 - Long.numberOfLeadingZeros(differing)]++;
    }
    return fittingShift(apartUpTo, MAX_LEVEL - level);
  }

  /**
   * The smallest shift, at most {@code maxShift}, at which distinct keys whose neighbours in order
   * differ first at bit b {@code apartUpTo[b]} times leave at most {@code numericBins} bins.
   */
  private int fittingShift(int[] apartUpTo, int maxShift) {
    // Bins at a shift: 1 + neighbour pairs whose highest differing bit is at least that shift.
    int shift = maxShift;
    int bins = 1;
    for (int bit = shift; bit < apartUpTo.length; bit++) {
      bins += apartUpTo[bit];
    }
    while (shift > 0 && bins + apartUpTo[shift - 1] <= settings.numericBins()) {
      bins += apartUpTo[--shift];
    }
    return shift;
  }

  /**
   * Rebuilds the map at {@code newLevel} (not below the current) with {@code slots} slots, in key
   * order: shifting keeps their order, so the rebuilt map's order is known without a sort. A heavy
   * tail coarsens often, each time by little, so this keeps coarsening linear.
   */
  private void rehash(int newLevel, int slots) {
    int[] oldOrder = slotsInKeyOrder();
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    long[] oldSingles = singles;
    long oldTotal = total;
    int down = newLevel - level;
    level = newLevel;
    allocateSlots(slots);
    for (int slot : oldOrder) {
      insert(oldKeys[slot] >> down, oldCounts[slot], oldSingles[slot]);
    }
    addedInKeyOrder();
    total = oldTotal;
  }

  /**
   * Counts {@code count} more in bin {@code key} without checking limits (rebuilding, where the
   * bins can only become fewer, checks none).
   *
   * @return whether the bin is new
   */
  private boolean insert(long key, long count, long single) {
    int mask = keys.length - 1;
    int slot = slotOf(key);
    while (counts[slot] != 0) {
      if (keys[slot] == key) {
        counts[slot] += count;
        singles[slot] = combine(singles[slot], single);
        return false;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    counts[slot] = count;
    singles[slot] = single;
    distinct++;
    recordAdded(slot);
    return true;
  }

  /** Takes the slots added since the last sort as sorted: they were inserted in key order. */
  private void addedInKeyOrder() {
    ordered = Arrays.copyOf(added, addedCount);
    addedCount = 0;
  }

  private void recordAdded(int slot) {
    if (addedCount == added.length) {
      added = Arrays.copyOf(added, 2 * added.length);
    }
    added[addedCount++] = slot;
  }

  /** The slot holding {@code key}, which must be present. */
  private int find(long key) {
    int mask = keys.length - 1;
    int slot = slotOf(key);
    while (keys[slot] != key || counts[slot] == 0) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Fibonacci hashing: the key's high product bits, so nearby keys spread over the table. */
  private int slotOf(long key) {
    return (int) ((key * FIBONACCI) >>> shift);
  }

  private void allocateSlots(int slots) {
    keys = new long[slots];
    counts = new long[slots];
    singles = new long[slots];
    ordered = new int[0];
    addedCount = 0;
    shift = 64 - Integer.numberOfTrailingZeros(slots);
    distinct = 0;
    total = 0;
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
    canonicalize();
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
    summary.pending = null; // read straight into the map
    summary.level = level;
    summary.allocateSlots(Math.max(MIN_SLOTS, Integer.highestOneBit((int) Math.max(1, bins)) * 4));
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
      summary.insert(key, count, value);
      total += count;
    }
    summary.addedInKeyOrder();
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
