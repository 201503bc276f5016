package io.driftgate.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * Bounded counts of a categorical field: the categories with the smallest hashes are kept by name,
 * every other category is pooled into one of a fixed number of hash buckets.
 *
 * <p>Why "smallest hashes" rather than "most frequent": which categories survive then depends only
 * on the set of categories seen, never on arrival order or on how the stream was split, so merging
 * is exact, associative and commutative. A category kept in a merge result was kept in every part;
 * an evicted one lands in the same bucket whichever part evicted it.
 */
public final class CategorySummary {

  private static final long SEED = 0x5eedL;

  /** Slots of the pooled-label cache; a power of two. */
  private static final int POOLED_CACHE_SLOTS = 512;

  private static final Comparator<Category> BY_HASH =
      Comparator.comparingLong((Category c) -> c.rankHash).thenComparing(c -> c.label);

  private final ProfileSettings settings;
  private final Map<String, Category> kept = new HashMap<>();
  private final PriorityQueue<Category> largestFirst = new PriorityQueue<>(BY_HASH.reversed());
  private final long[] pool;
  private long total;

  // Hashes of recently pooled labels, direct-mapped by the label's String hash: a label that is
  // pooled once is pooled on every later record, and hashing it again (UTF-8 bytes, Murmur3, a
  // Category) allocated three objects per record. Hashes are a pure function of the label, so the
  // cache changes no count.
  private String[] pooledLabels;
  private long[] pooledRanks;
  private int[] pooledBuckets;

  public CategorySummary(ProfileSettings settings) {
    this.settings = settings;
    this.pool = new long[settings.poolBuckets()];
  }

  /** A category with its two hash halves: one orders it, the other picks its pool bucket. */
  static final class Category {
    final String label;
    final long rankHash;
    final int bucket;
    long count;

    Category(String label, long rankHash, int bucket) {
      this.label = label;
      this.rankHash = rankHash;
      this.bucket = bucket;
    }
  }

  /**
   * Counts one value, {@link ProfileText#cap capped} so that no value can break {@link
   * DatasetProfile#toBytes()}.
   *
   * @return whether the value was truncated to fit
   */
  public boolean add(String label) {
    String capped = ProfileText.cap(label);
    add(capped, 1);
    return capped != label;
  }

  private void add(String label, long count) {
    total += count;
    Category known = kept.get(label);
    if (known != null) {
      known.count += count;
      return;
    }
    if (kept.size() >= settings.maxCategories() && pooledLabels != null) {
      int slot = label.hashCode() & (POOLED_CACHE_SLOTS - 1);
      if (label.equals(pooledLabels[slot])
          && compareToLargest(pooledRanks[slot], label, largestFirst.peek()) >= 0) {
        pool[pooledBuckets[slot]] += count;
        return;
      }
    }
    Category fresh = categoryOf(label);
    fresh.count = count;
    if (kept.size() < settings.maxCategories()) {
      keep(fresh);
    } else if (BY_HASH.compare(fresh, largestFirst.peek()) < 0) {
      Category evicted = largestFirst.poll();
      kept.remove(evicted.label);
      pool[evicted.bucket] += evicted.count;
      keep(fresh);
    } else {
      pool[fresh.bucket] += count;
      rememberPooled(fresh);
    }
  }

  /** {@link #BY_HASH} of a category with {@code rankHash} and {@code label} against {@code c}. */
  private static int compareToLargest(long rankHash, String label, Category c) {
    int byHash = Long.compare(rankHash, c.rankHash);
    return byHash != 0 ? byHash : label.compareTo(c.label);
  }

  private void rememberPooled(Category category) {
    if (pooledLabels == null) {
      pooledLabels = new String[POOLED_CACHE_SLOTS];
      pooledRanks = new long[POOLED_CACHE_SLOTS];
      pooledBuckets = new int[POOLED_CACHE_SLOTS];
    }
    int slot = category.label.hashCode() & (POOLED_CACHE_SLOTS - 1);
    pooledLabels[slot] = category.label;
    pooledRanks[slot] = category.rankHash;
    pooledBuckets[slot] = category.bucket;
  }

  private void keep(Category category) {
    kept.put(category.label, category);
    largestFirst.add(category);
  }

  private Category categoryOf(String label) {
    long[] hash = MurmurHash3.hash(label.getBytes(StandardCharsets.UTF_8), SEED);
    return new Category(label, hash[0], (int) Long.remainderUnsigned(hash[1], pool.length));
  }

  public void merge(CategorySummary other) {
    for (Category category : other.kept.values()) {
      add(category.label, category.count);
    }
    for (int b = 0; b < pool.length; b++) {
      pool[b] += other.pool[b];
    }
    total += sumOf(other.pool);
  }

  public long total() {
    return total;
  }

  /** Counts of the categories kept by name. */
  public Map<String, Long> keptCounts() {
    Map<String, Long> counts = new HashMap<>();
    kept.forEach((label, c) -> counts.put(label, c.count));
    return counts;
  }

  /** Count of the pooled categories per bucket (a copy). */
  public long[] pooledCounts() {
    return pool.clone();
  }

  /** The pool bucket a category belongs to, whether it is kept by name or not. */
  public int bucketOf(String label) {
    Category known = kept.get(label);
    return known != null ? known.bucket : categoryOf(label).bucket;
  }

  /**
   * Whether this summary can prove it never saw {@code label}: true when the label is not kept
   * although it would have been, had it been seen (its hash is below the eviction threshold).
   */
  public boolean provablyUnseen(String label) {
    if (kept.containsKey(label)) {
      return false;
    }
    return kept.size() < settings.maxCategories()
        || BY_HASH.compare(categoryOf(label), largestFirst.peek()) < 0;
  }

  /**
   * All records by pool bucket, kept categories included: a partition of the categories that is the
   * same for every summary, so two summaries can always be compared bucket by bucket.
   */
  public long[] countsByBucket() {
    long[] byBucket = pool.clone();
    for (Category category : kept.values()) {
      byBucket[category.bucket] += category.count;
    }
    return byBucket;
  }

  public ProfileSettings settings() {
    return settings;
  }

  private static long sumOf(long[] counts) {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  void writeTo(DataOutput out) throws IOException {
    List<Category> sorted = new ArrayList<>(kept.values());
    sorted.sort(Comparator.comparing(c -> c.label));
    out.writeInt(sorted.size());
    for (Category category : sorted) {
      ProfileText.write(out, category.label);
      out.writeLong(category.count);
    }
    for (long count : pool) {
      out.writeLong(count);
    }
  }

  static CategorySummary readFrom(DataInput in, ProfileSettings settings) throws IOException {
    CategorySummary summary = new CategorySummary(settings);
    int size = in.readInt();
    if (size < 0 || size > settings.maxCategories()) {
      throw new IOException(
          "category summary holds " + size + " categories, limit is " + settings.maxCategories());
    }
    for (int i = 0; i < size; i++) {
      String label = in.readUTF();
      summary.add(label, in.readLong());
    }
    for (int b = 0; b < summary.pool.length; b++) {
      summary.pool[b] = in.readLong();
    }
    summary.total += sumOf(summary.pool);
    return summary;
  }
}
