package io.driftgate.drift;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftCheck;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.Freshness;
import io.driftgate.contract.LogicalType;
import io.driftgate.contract.QualityGate;
import io.driftgate.contract.QualityMetric;
import io.driftgate.contract.RateDriftGate;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.FieldProfile;
import io.driftgate.profile.ProfileSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated rollout for the validation suites: a 20-field contract (numeric fields of every
 * {@link Shape}, categorical fields), five stages, profiles pooled over the whole rollout as the
 * job pools them (the candidate's share of records growing with each stage's exposure), and the
 * decision rule evaluated after every window.
 */
final class ValidationRollout {

  static final int FIELDS = 20;
  static final int NUMERIC_FIELDS = 15;
  static final String[] SEGMENTS = {"bronze", "silver", "gold", "platinum", "none"};
  static final double[] SEGMENT_SHARES = {0.4, 0.3, 0.15, 0.05, 0.1};

  private ValidationRollout() {}

  /**
   * Fifteen numeric fields cycling through the shapes, five categorical ones, quality gates, and
   * the comparisons with the baseline a contract gets by default: every null rate, and the share of
   * violating records (critical, as its gate).
   */
  static DataContract contract() {
    List<FieldSpec> fields = new ArrayList<>();
    for (int i = 0; i < FIELDS; i++) {
      boolean numeric = i < NUMERIC_FIELDS;
      fields.add(
          new FieldSpec(
              "f" + i,
              numeric ? LogicalType.NUMBER : LogicalType.STRING,
              true,
              false,
              null,
              null,
              List.of(),
              DriftCheck.defaultFor(
                  numeric ? DriftTest.KS : i % 2 == 0 ? DriftTest.CHI2 : DriftTest.PSI),
              List.of(new QualityGate(QualityMetric.NULL_RATE, "f" + i, 0.05, false)),
              List.of(
                  new RateDriftGate(
                      QualityMetric.NULL_RATE, "f" + i, RateDriftGate.DEFAULT_FLOOR, false))));
    }
    List<Stage> stages = new ArrayList<>();
    for (int bp : new int[] {100, 500, 2500, 5000, 10000}) {
      stages.add(new Stage(bp, Duration.ofMinutes(10), 1000, false));
    }
    return new DataContract(
        "validation.dataset",
        "1.0.0",
        false,
        fields,
        List.of(
            new QualityGate(QualityMetric.VIOLATION_RATE, null, 0.02, true),
            new QualityGate(QualityMetric.STALE_RATE, null, 0.05, false)),
        List.of(
            new RateDriftGate(
                QualityMetric.VIOLATION_RATE, null, RateDriftGate.DEFAULT_FLOOR, true)),
        new Freshness(Duration.ofMinutes(15)),
        new RolloutPlan(stages, 3),
        DataContract.DEFAULT_FALSE_ROLLBACK_RATE);
  }

  static Shape shapeOf(int field) {
    return Shape.values()[field % Shape.values().length];
  }

  /**
   * Feeds {@code n} records to a profile; numeric field {@code driftField} shifted by {@code
   * shift}.
   */
  static void feed(
      DatasetProfile profile,
      SplittableRandom random,
      int n,
      int driftField,
      double shift,
      long eventTime) {
    for (int r = 0; r < n; r++) {
      profile.recordObserved(eventTime, eventTime + 1_000, false);
      for (int i = 0; i < FIELDS; i++) {
        FieldProfile field = profile.field("f" + i);
        if (random.nextDouble() < 0.01) {
          field.addNull();
        } else if (i < NUMERIC_FIELDS) {
          field.addNumber(shapeOf(i).sample(random, i == driftField ? shift : 0.0));
        } else {
          field.addCategory(segment(random));
        }
      }
    }
  }

  private static String segment(SplittableRandom random) {
    double u = random.nextDouble();
    for (int s = 0; s < SEGMENTS.length; s++) {
      u -= SEGMENT_SHARES[s];
      if (u < 0) {
        return SEGMENTS[s];
      }
    }
    return SEGMENTS[SEGMENTS.length - 1];
  }

  /**
   * Runs one A/A or A/B rollout: for each stage, {@code windows} windows of records folded into the
   * rollout's profiles, the rule evaluated after each window. Returns every evaluation in order.
   */
  static List<Evaluation> run(
      DataContract contract,
      long seed,
      int windows,
      int baselinePerWindow,
      int driftField,
      double shift) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Evaluation> evaluations = new ArrayList<>();
    Instant rolloutStart = Instant.parse("2026-11-24T00:00:00Z");
    Instant t = rolloutStart;
    DatasetProfile candidate = DatasetProfile.forContract(contract, "v2", ProfileSettings.DEFAULTS);
    DatasetProfile baseline = DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS);
    for (Stage stage : contract.plan().stages()) {
      int candidatePerWindow =
          Math.max(20, (int) ((long) baselinePerWindow * stage.exposureBasisPoints() / 10_000));
      for (int w = 0; w < windows; w++) {
        feed(candidate, random, candidatePerWindow, driftField, shift, t.toEpochMilli());
        feed(baseline, random, baselinePerWindow, -1, 0.0, t.toEpochMilli());
        t = t.plus(Duration.ofMinutes(1));
        evaluations.add(DriftEvaluator.evaluate(contract, candidate, baseline, rolloutStart, t));
      }
    }
    return evaluations;
  }
}
