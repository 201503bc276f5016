package io.driftgate.gate;

import static io.driftgate.gate.ItFeatureWindows.CONTRACT;
import static io.driftgate.gate.ItFeatureWindows.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.outcome.Outcome;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's A/A point: 500 seeded rollouts whose candidate is drawn as its baseline and whose
 * exposed consumers see the same outcomes as the control ones, through every stage to promotion,
 * with the data gates and three outcome gates (a mean, a rate and a distribution) sharing one
 * budget of 1%: at most 1% are rolled back.
 */
class OutcomeAaTest {

  private static final DataContract WITH_OUTCOMES =
      CONTRACT.withOutcomes(
          List.of(
              new OutcomeGate("score", OutcomeTest.MEAN, Harm.ANY, 0.0, false, true, 200),
              new OutcomeGate("miss", OutcomeTest.RATE, Harm.INCREASE, 0.0, false, false, 200),
              new OutcomeGate("latency", OutcomeTest.KS, Harm.ANY, 0.0, false, true, 200)));
  private static final int RUNS = 500;
  private static final int CONSUMERS = 1_000;

  @Test
  void atMostOnePercentOfRolloutsWithoutADifferenceAreRolledBack() {
    int rolledBack = 0;
    int promoted = 0;
    for (int run = 0; run < RUNS; run++) {
      Phase end = rollout(run);
      rolledBack += end == Phase.ROLLED_BACK ? 1 : 0;
      promoted += end == Phase.PROMOTED ? 1 : 0;
    }
    assertThat(rolledBack).isLessThanOrEqualTo(RUNS / 100);
    assertThat(promoted).as("the rest run their course").isEqualTo(RUNS - rolledBack);
  }

  private static Phase rollout(int run) {
    DatasetGate gate = new DatasetGate(WITH_OUTCOMES, ProfileSettings.DEFAULTS, new GateState());
    SplittableRandom random = new SplittableRandom(run);
    List<Decision> decisions = new ArrayList<>();
    GateOutput started = new GateOutput();
    gate.onCommand(
        new Command.Start("start-" + run, "it.features", "bot", minute(0), "v2", "v1", null),
        started);
    gate.onCommand(
        new Command.Approve("approve-" + run, "it.features", "alice", minute(0), 1), started);
    for (int m = 0; m < 12 && gate.state().status().phase().active(); m++) {
      GateOutput out = new GateOutput();
      gate.onOutcomes(minute(m), minute(m + 1), outcomes(m, random), out);
      Map<String, DatasetProfile> profiles = new HashMap<>();
      profiles.put("v1", ItFeatureWindows.window(WITH_OUTCOMES, "v1", m, 0.0, run));
      profiles.put("v2", ItFeatureWindows.window(WITH_OUTCOMES, "v2", m, 0.0, run));
      gate.onWindow(minute(m), minute(m + 1), profiles, out);
      decisions.addAll(out.decisions());
    }
    assertThat(decisions).extracting(Decision::kind).doesNotContain(DecisionKind.REJECTED);
    return gate.state().status().phase();
  }

  /** Every consumer's score and miss in minute {@code m}, whatever version it read. */
  private static List<Outcome> outcomes(int m, SplittableRandom random) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < CONSUMERS; i++) {
      long at = minute(m).toEpochMilli() + 60L * i;
      String key = "user-" + i;
      outcomes.add(
          Outcome.of("it.features", "score", key, -Math.log(1 - random.nextDouble()), at, null));
      outcomes.add(Outcome.of("it.features", "miss", key, random.nextDouble() < 0.05, at, null));
      // Rounded to whole milliseconds: ties, as real latencies have.
      outcomes.add(
          Outcome.of(
              "it.features",
              "latency",
              key,
              Math.rint(40 * Math.exp(random.nextGaussian())),
              at,
              null));
    }
    return outcomes;
  }
}
