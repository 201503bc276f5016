package io.driftgate.drift;

import io.driftgate.profile.CategorySummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Two summaries of a categorical field side by side, as the cells whose counts are known exactly on
 * both sides: what every categorical statistic is computed from.
 *
 * <p>A category's count is known on a side when that side kept it by name, or provably never saw it
 * (its hash is below the side's eviction threshold, so it would have been kept). A category kept by
 * one side and pooled by the other is not a cell: its count on the pooling side is unknown. Which
 * categories are cells depends on the data, so the tests built on this table never rely on a fixed
 * set of them (see {@link CategoricalEValue}). The hash buckets, by contrast, are a fixed partition
 * of all categories, with every record counted on both sides.
 *
 * @param labels the categories known on both sides, by label
 * @param candidateBuckets all candidate records by pool bucket, kept categories included
 * @param baselineBuckets all baseline records by pool bucket, kept categories included
 */
record CategoryTable(
    List<Cell> labels,
    long[] candidateBuckets,
    long[] baselineBuckets,
    long candidateTotal,
    long baselineTotal) {

  /** One category's records on each side, and the pool bucket its hash puts it in. */
  record Cell(String label, int bucket, long candidate, long baseline) {}

  static CategoryTable of(CategorySummary candidate, CategorySummary baseline) {
    Map<String, Long> kept1 = candidate.keptCounts();
    Map<String, Long> kept2 = baseline.keptCounts();
    List<Cell> labels = new ArrayList<>();
    kept1.forEach(
        (label, count) -> {
          Long other = kept2.get(label);
          if (other != null) {
            labels.add(new Cell(label, candidate.bucketOf(label), count, other));
          } else if (baseline.provablyUnseen(label)) {
            labels.add(new Cell(label, candidate.bucketOf(label), count, 0));
          }
        });
    kept2.forEach(
        (label, count) -> {
          if (!kept1.containsKey(label) && candidate.provablyUnseen(label)) {
            labels.add(new Cell(label, baseline.bucketOf(label), 0, count));
          }
        });
    // Sums in label order: the same profiles give the same bits, whatever the maps' history.
    labels.sort(Comparator.comparing(Cell::label));
    return new CategoryTable(
        List.copyOf(labels),
        candidate.countsByBucket(),
        baseline.countsByBucket(),
        candidate.total(),
        baseline.total());
  }
}
