package io.driftgate.outcome;

import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.drift.WindowBets;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rollout's outcome values per metric and cohort, for the outcome gates that compare
 * distributions ({@code test: ks}), with those gates' window bets.
 *
 * <p>Why bets per window and stage rather than a test of the pooled values: each stage exposes a
 * different share, so pooled over stages the exposed values lean to later stages, and a trend
 * common to both cohorts would show as a difference. Within one window and stage the cohorts are
 * split by a hash of the key alone, so with no difference their values are exchangeable and the bet
 * is exact ({@link WindowBets#foldOutcome}). The pooled summaries only choose, before each window,
 * the threshold the bet looks at, and give the evidence its distance. Their size is bounded by the
 * summary's bins, whatever the traffic.
 */
public final class OutcomeDistributions implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The summaries' sizes: the profiles' defaults, so a distance is as exact as a data gate's. */
  public static final ProfileSettings SETTINGS = ProfileSettings.DEFAULTS;

  /** One metric's values so far, per cohort, all stages pooled. */
  public record Distribution(String metric, NumericSummary exposed, NumericSummary control) {

    static Distribution empty(String metric) {
      return new Distribution(metric, new NumericSummary(SETTINGS), new NumericSummary(SETTINGS));
    }
  }

  private transient TreeMap<String, Distribution> pooled = new TreeMap<>();
  private transient WindowBets bets = WindowBets.none();

  /** Restores saved distributions and bets. */
  public static OutcomeDistributions of(List<Distribution> saved, WindowBets bets) {
    OutcomeDistributions distributions = new OutcomeDistributions();
    saved.forEach(distribution -> distributions.pooled.put(distribution.metric(), distribution));
    distributions.bets = WindowBets.of(bets.logProducts());
    return distributions;
  }

  /** Every metric's distribution, by metric: the saved form. */
  public List<Distribution> distributions() {
    return new ArrayList<>(pooled.values());
  }

  /** The gates' bets so far, by gate name: the saved form and the evidence. */
  public WindowBets bets() {
    return bets;
  }

  /** The metric's values so far; empty summaries before any. */
  public Distribution of(String metric) {
    Distribution distribution = pooled.get(metric);
    return distribution == null ? Distribution.empty(metric) : distribution;
  }

  /**
   * Bets on one window's values for every {@code ks} gate, stage by stage, each against the values
   * before the window, then adds the window to them.
   */
  public void fold(List<OutcomeGate> gates, Window window) {
    for (OutcomeGate gate : gates) {
      Map<Integer, Distribution> stages = window.values.get(gate.metric());
      if (gate.test() != OutcomeTest.KS || stages == null) {
        continue;
      }
      Distribution past = pooled.computeIfAbsent(gate.metric(), Distribution::empty);
      for (Distribution stage : stages.values()) {
        bets.foldOutcome(
            gate.name(),
            gate.effectFloor(),
            gate.harm().distributionGapSign(),
            past.exposed(),
            past.control(),
            stage.exposed(),
            stage.control());
      }
      for (Distribution stage : stages.values()) {
        past.exposed().merge(stage.exposed());
        past.control().merge(stage.control());
      }
    }
  }

  /** One window's values, by metric, stage and cohort, gathered before any is bet on. */
  public static final class Window {

    private final TreeMap<String, TreeMap<Integer, Distribution>> values = new TreeMap<>();

    public void add(String metric, int stageIndex, boolean exposed, double value) {
      Distribution cell =
          values
              .computeIfAbsent(metric, m -> new TreeMap<>())
              .computeIfAbsent(stageIndex, s -> Distribution.empty(metric));
      (exposed ? cell.exposed() : cell.control()).add(value);
    }

    public boolean isEmpty() {
      return values.isEmpty();
    }
  }

  /** Java serialization (legacy state) writes the summaries' canonical bytes. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeInt(pooled.size());
    for (Distribution distribution : pooled.values()) {
      out.writeUTF(distribution.metric());
      distribution.exposed().writeTo(out);
      distribution.control().writeTo(out);
    }
    out.writeObject(bets);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    pooled = new TreeMap<>();
    int metrics = in.readInt();
    for (int i = 0; i < metrics; i++) {
      String metric = in.readUTF();
      pooled.put(
          metric,
          new Distribution(
              metric,
              NumericSummary.readFrom(in, SETTINGS),
              NumericSummary.readFrom(in, SETTINGS)));
    }
    bets = (WindowBets) in.readObject();
  }
}
