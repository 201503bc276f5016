package io.driftgate.outcome;

import io.driftgate.drift.MeanDifferenceTest;
import io.driftgate.drift.Moments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rollout's outcome observations per metric and stage, per cohort: the strata an outcome gate is
 * judged on ({@link MeanDifferenceTest}). Kept as moments, so its size is the metrics times the
 * stages, whatever the traffic. Mutable, like the gate state it belongs to.
 */
public final class CohortObservations implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** One metric's observations in one stage. */
  public record Cell(String metric, int stageIndex, Moments exposed, Moments control)
      implements java.io.Serializable {}

  private final TreeMap<String, TreeMap<Integer, Cell>> cells = new TreeMap<>();

  public static CohortObservations of(List<Cell> saved) {
    CohortObservations observations = new CohortObservations();
    for (Cell cell : saved) {
      observations
          .cells
          .computeIfAbsent(cell.metric(), m -> new TreeMap<>())
          .put(cell.stageIndex(), cell);
    }
    return observations;
  }

  /** Counts {@code value} of {@code metric} in the stage's exposed or control cohort. */
  public void add(String metric, int stageIndex, boolean exposed, double value) {
    Map<Integer, Cell> stages = cells.computeIfAbsent(metric, m -> new TreeMap<>());
    Cell cell = stages.get(stageIndex);
    Moments e = cell == null ? Moments.NONE : cell.exposed();
    Moments c = cell == null ? Moments.NONE : cell.control();
    stages.put(
        stageIndex,
        new Cell(metric, stageIndex, exposed ? e.with(value) : e, exposed ? c : c.with(value)));
  }

  /** The metric's strata, by stage. */
  public List<MeanDifferenceTest.Stratum> strata(String metric) {
    List<MeanDifferenceTest.Stratum> strata = new ArrayList<>();
    for (Cell cell : cells.getOrDefault(metric, new TreeMap<>()).values()) {
      strata.add(new MeanDifferenceTest.Stratum(cell.exposed(), cell.control()));
    }
    return strata;
  }

  /** Every cell, by metric then stage: the saved form. */
  public List<Cell> cells() {
    List<Cell> all = new ArrayList<>();
    cells.values().forEach(stages -> all.addAll(stages.values()));
    return all;
  }
}
