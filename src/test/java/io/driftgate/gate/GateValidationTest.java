package io.driftgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.gate.ValidationTable.Change;
import io.driftgate.gate.ValidationTable.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole rollouts of the 20-field validation table through {@link DatasetGate}, so that windows,
 * stages, the state machine and every gate are in the loop: identical versions are promoted, not
 * rolled back and not stalled; real changes are rolled back by the stated number of records.
 * Seeded; the figures are in docs/benchmarks.md.
 */
class GateValidationTest {

  private static final int AA_ROLLOUTS = Integer.getInteger("validation.rollouts", 1_000);
  private static final int PER_WINDOW = 300;

  @Test
  void identicalVersionsArePromotedWithoutStalling() {
    // Each rollout has its own seed, so running them in parallel changes no outcome.
    List<Outcome> outcomes =
        IntStream.range(0, AA_ROLLOUTS)
            .parallel()
            .mapToObj(r -> ValidationTable.rollout(1_000L + r, new Change.None(), PER_WINDOW, 40))
            .toList();
    long rolledBack = outcomes.stream().filter(Outcome::rolledBack).count();
    int fastest =
        outcomes.stream().filter(Outcome::promoted).mapToInt(Outcome::windows).min().orElseThrow();
    long promptly =
        outcomes.stream().filter(o -> o.promoted() && o.windows() <= fastest + 2).count();
    System.out.printf(
        "A/A: %d rollouts, %d rolled back (by %s), %d promoted within %d windows (fastest %d)%n",
        AA_ROLLOUTS,
        rolledBack,
        outcomes.stream().filter(Outcome::rolledBack).map(Outcome::breached).toList(),
        promptly,
        fastest + 2,
        fastest);
    assertThat((double) rolledBack / AA_ROLLOUTS).isLessThanOrEqualTo(0.01);
    assertThat((double) promptly / AA_ROLLOUTS).isGreaterThanOrEqualTo(0.99);
  }

  /**
   * Stages long enough that a rollout is still running when the stated number of records has been
   * seen: 10,000 records per side each, so promotion needs about 41,000.
   */
  static final RolloutPlan SLOW_PLAN =
      new RolloutPlan(
          List.of(
              new Stage(100, Duration.ZERO, 10_000, false),
              new Stage(500, Duration.ZERO, 10_000, false),
              new Stage(2_500, Duration.ZERO, 10_000, false),
              new Stage(5_000, Duration.ZERO, 10_000, false),
              new Stage(10_000, Duration.ZERO, 0, false)),
          2);

  private static final int CHANGE_ROLLOUTS = Integer.getInteger("validation.changeRollouts", 20);
  private static final int PER_LABEL = 10;

  /** Near the mean and far from zero, a normal's location shift of a given true D. */
  @ParameterizedTest(name = "{0} with D={1} rolled back by {2} candidate records")
  @CsvSource({
    "height, 0.06, 10000",
    "created_epoch, 0.06, 10000",
    "weight, 0.10, 4000",
    "created_epoch, 0.10, 4000",
  })
  void numericDriftAtAnyLocationIsRolledBack(String field, double d, int records) {
    assertRolledBack(new Change.Shift(field, d), "drift:" + field, records, CHANGE_ROLLOUTS, 0);
  }

  /**
   * Every label in turn, ten rollouts each: at least 95% in all, and no label left behind (8 of 10
   * allows for the binomial noise of so few).
   */
  @Test
  void aCategoryMovingFromTenToFourteenPercentIsRolledBackWhicheverLabelMoves() {
    int rollouts = 0;
    int detected = 0;
    for (int label = 0; label < ValidationTable.COUNTRIES.length; label++) {
      double share =
          detection(new Change.Share(label, 0.14), "drift:country", 10_000, PER_LABEL, label);
      assertThat(share).as("label %d", label).isGreaterThanOrEqualTo(0.8);
      rollouts += PER_LABEL;
      detected += (int) Math.round(share * (PER_LABEL));
    }
    assertThat((double) detected / rollouts).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aNewCategoryInFivePercentOfRecordsIsRolledBack() {
    assertRolledBack(new Change.NewCategory(0.05), ":country", 5_000, CHANGE_ROLLOUTS, 0);
  }

  /** Twice the rollouts of the others: at 20,000 records per side this one is closest to 95%. */
  @Test
  void aNullRateRisingFromThirtyToThirtyThreePercentIsRolledBack() {
    assertRolledBack(
        new Change.NullRate(0.33), "null_rate_drift:balance", 20_000, 2 * CHANGE_ROLLOUTS, 0);
  }

  /**
   * At least 95% of {@code rollouts} are rolled back within {@code records} candidate records, each
   * by a breach of a gate whose name contains {@code gate}: a rollback for another reason is a
   * false alarm, not a detection.
   */
  private static void assertRolledBack(
      Change change, String gate, int records, int rollouts, long salt) {
    assertThat(detection(change, gate, records, rollouts, salt))
        .as("%s", change)
        .isGreaterThanOrEqualTo(0.95);
  }

  /** The share of {@code rollouts} rolled back by {@code gate} within {@code records}. */
  private static double detection(
      Change change, String gate, int records, int rollouts, long salt) {
    int windows = (records + PER_WINDOW - 1) / PER_WINDOW;
    int detected = 0;
    List<List<String>> otherwise = new ArrayList<>();
    List<Outcome> outcomes =
        IntStream.range(0, rollouts)
            .parallel()
            .mapToObj(
                r ->
                    ValidationTable.rollout(
                        7_000L + 101L * salt + r, change, PER_WINDOW, windows, SLOW_PLAN))
            .toList();
    for (Outcome outcome : outcomes) {
      if (outcome.rolledBack() && outcome.breached().stream().anyMatch(g -> g.contains(gate))) {
        detected++;
      } else if (outcome.rolledBack()) {
        otherwise.add(outcome.breached());
      }
    }
    long[] detectedAt =
        outcomes.stream()
            .filter(o -> o.rolledBack() && o.breached().stream().anyMatch(g -> g.contains(gate)))
            .mapToLong(Outcome::candidateRecords)
            .sorted()
            .toArray();
    System.out.printf(
        "%s: %d of %d rolled back by %s within %d candidate records (median %d); other"
            + " rollbacks: %s%n",
        change,
        detected,
        rollouts,
        gate,
        records,
        detectedAt.length == 0 ? -1 : detectedAt[detectedAt.length / 2],
        otherwise);
    return (double) detected / rollouts;
  }
}
