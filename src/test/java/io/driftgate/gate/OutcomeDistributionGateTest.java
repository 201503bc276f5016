package io.driftgate.gate;

import static io.driftgate.gate.ItFeatureWindows.CONTRACT;
import static io.driftgate.gate.ItFeatureWindows.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.drift.AlphaBudget;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.outcome.Outcome;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.routing.CohortHash;
import io.driftgate.serde.GateStateSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Outcome gates with {@code test: ks}: a change in the exposed consumers' distribution that leaves
 * the mean where it was is caught, a change in the harmless direction is not, and a restored gate
 * bets and decides exactly as the original.
 */
class OutcomeDistributionGateTest {

  private static final String SALT = "it.features/v2";
  private static final int CONSUMERS = 4_000;

  private static final OutcomeGate LATENCY_ANY =
      new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.ANY, 0.05, false, true, 300);
  private static final OutcomeGate LATENCY_MEAN =
      new OutcomeGate("latency_ms", OutcomeTest.MEAN, Harm.ANY, 0.0, false, true, 300);
  private static final OutcomeGate LATENCY_UP =
      new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.INCREASE, 0.05, false, true, 300);

  @Test
  void aSpreadThatKeepsTheMeanIsRolledBackByTheKsGateWhileTheMeanGatePasses() {
    Rollout ks = new Rollout(CONTRACT.withOutcomes(List.of(LATENCY_ANY)));
    ks.run(12, spread());
    Rollout mean = new Rollout(CONTRACT.withOutcomes(List.of(LATENCY_MEAN)));
    mean.run(3, spread());

    Decision rollback = ks.last();
    assertThat(rollback.kind()).isEqualTo(DecisionKind.ROLLED_BACK);
    assertThat(rollback.reason()).isEqualTo(RollbackReason.CRITICAL_BREACH);
    assertThat(ks.exposures).as("stage 1 only").containsOnly(1000, 0);
    GateResult decisive = rollback.evidence().get(0);
    assertThat(decisive.gate()).isEqualTo("outcome:latency_ms");
    Evidence evidence = decisive.evidence();
    assertThat(evidence.method()).isEqualTo("ks-window-bets");
    // N(100, 30) against N(100, 10): the distribution functions differ by up to 0.23.
    assertThat(Math.abs(evidence.statistic())).isBetween(0.15, 0.30);
    assertThat(evidence.pValue()).isLessThanOrEqualTo(evidence.alpha());
    assertThat(evidence.alpha()).isEqualTo(AlphaBudget.perGate(ks.contract));
    assertThat(evidence.candidateMean()).isCloseTo(100, within(3.0));
    assertThat(evidence.baselineMean()).isCloseTo(100, within(1.0));
    assertThat(evidence.candidateCount()).isGreaterThanOrEqualTo(300);
    assertThat(ks.lastEvaluation().results())
        .filteredOn(r -> !OutcomeGate.isOutcome(r.gate()))
        .allMatch(r -> r.verdict() == Verdict.PASS);

    assertThat(mean.gate.state().status().phase())
        .as("the same consumers through a mean gate: nothing to see")
        .isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(mean.outcomeResult().verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aKsGateOnIncreaseRollsBackSlowerConsumersAndPassesFasterOnes() {
    Rollout slower = new Rollout(CONTRACT.withOutcomes(List.of(LATENCY_UP)));
    slower.run(12, (value) -> value + 8);
    Rollout faster = new Rollout(CONTRACT.withOutcomes(List.of(LATENCY_UP)));
    faster.run(3, (value) -> value - 8);

    assertThat(slower.last().kind()).isEqualTo(DecisionKind.ROLLED_BACK);
    assertThat(slower.last().evidence().get(0).evidence().statistic())
        .as("exposed below any threshold less often: a negative gap")
        .isLessThan(-0.05);
    assertThat(faster.gate.state().status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    GateResult result = faster.outcomeResult();
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.evidence().pValue())
        .as("no evidence from the harmless way")
        .isGreaterThan(0.1);
    assertThat(result.evidence().statistic()).isBetween(-0.1, 0.0);
  }

  @Test
  void aRestoredGateBetsAndDecidesAsTheOriginal() throws IOException {
    Rollout original = new Rollout(CONTRACT.withOutcomes(List.of(LATENCY_ANY)));
    original.run(2, spread());
    GateStateSerializer serializer = new GateStateSerializer();
    DataOutputSerializer bytes = new DataOutputSerializer(1024);
    serializer.serialize(original.gate.state(), bytes);
    Rollout restored =
        new Rollout(
            original.contract,
            serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer())));

    for (int m = 2; m < 12 && original.active(); m++) {
      original.step(m, spread());
      restored.step(m, spread());
    }

    assertThat(original.last().kind()).isEqualTo(DecisionKind.ROLLED_BACK);
    assertThat(restored.decisions)
        .isEqualTo(
            original.decisions.subList(
                original.decisions.size() - restored.decisions.size(), original.decisions.size()));
    assertThat(restored.outcomeResult()).isEqualTo(original.outcomeResult());
  }

  /** Exposed consumers' latencies spread three times wider around the same mean. */
  private static DoubleUnaryOperator spread() {
    return value -> 100 + 3 * (value - 100);
  }

  /** A rollout through the gate, minute by minute: every consumer's latency, then the records. */
  private static final class Rollout {

    final DataContract contract;
    final DatasetGate gate;
    final List<Decision> decisions = new ArrayList<>();
    final List<Evaluation> evaluations = new ArrayList<>();
    final List<Integer> exposures = new ArrayList<>();

    Rollout(DataContract contract) {
      this(contract, new GateState());
      GateOutput out = new GateOutput();
      gate.onCommand(
          new Command.Start("start-v2", "it.features", "bot", minute(0), "v2", "v1", null), out);
      collect(out);
    }

    Rollout(DataContract contract, GateState state) {
      this.contract = contract;
      this.gate = new DatasetGate(contract, ProfileSettings.DEFAULTS, state);
    }

    void run(int minutes, DoubleUnaryOperator exposedEffect) {
      for (int m = 0; m < minutes && active(); m++) {
        step(m, exposedEffect);
      }
    }

    void step(int m, DoubleUnaryOperator exposedEffect) {
      SplittableRandom random = new SplittableRandom(m);
      int exposure =
          gate.state().routing() == null ? 0 : gate.state().routing().exposureBasisPoints();
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < CONSUMERS; i++) {
        String key = "user-" + i;
        double latency = 100 + 10 * random.nextGaussian();
        if (CohortHash.bucket(SALT, key) < exposure) {
          latency = exposedEffect.applyAsDouble(latency);
        }
        long at = minute(m).toEpochMilli() + 15L * i;
        outcomes.add(Outcome.of("it.features", "latency_ms", key, latency, at, null));
      }
      GateOutput out = new GateOutput();
      gate.onOutcomes(minute(m), minute(m + 1), outcomes, out);
      Map<String, DatasetProfile> profiles = new HashMap<>();
      profiles.put("v1", ItFeatureWindows.window(contract, "v1", m, 0.0));
      profiles.put("v2", ItFeatureWindows.window(contract, "v2", m, 0.0));
      gate.onWindow(minute(m), minute(m + 1), profiles, out);
      collect(out);
    }

    boolean active() {
      return gate.state().status().phase().active();
    }

    Decision last() {
      return decisions.get(decisions.size() - 1);
    }

    Evaluation lastEvaluation() {
      return evaluations.get(evaluations.size() - 1);
    }

    GateResult outcomeResult() {
      return lastEvaluation().results().stream()
          .filter(r -> OutcomeGate.isOutcome(r.gate()))
          .findFirst()
          .orElseThrow();
    }

    private void collect(GateOutput out) {
      decisions.addAll(out.decisions());
      evaluations.addAll(out.evaluations());
      out.routing().forEach(update -> exposures.add(update.entry().exposureBasisPoints()));
    }
  }
}
