package io.driftgate.gate;

import static io.driftgate.gate.ItFeatureWindows.CONTRACT;
import static io.driftgate.gate.ItFeatureWindows.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.drift.Evaluation;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.routing.RoutingEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A streamed candidate under a contract with {@code x-driftgate.preflight.minSamples}: the gate
 * keeps it at 0 bp while windows of its records fill the sample, then enters stage 1 or withdraws
 * it, and a job that lost its state resumes the sample from the database.
 */
class StreamedPreflightGateTest {

  /** Four windows of {@value ItFeatureWindows#ROWS} records complete it, three do not. */
  private static final DataContract SAMPLED = CONTRACT.withPreflightSamples(1_000);

  private DatasetGate gate = new DatasetGate(SAMPLED, ProfileSettings.DEFAULTS, new GateState());
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<RoutingEntry> routing = new ArrayList<>();

  @Test
  void nobodyReadsTheCandidateUntilItsSampleIsCompleteAndPasses() {
    command(start(0));
    assertThat(decisions)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DecisionKind.STARTED);
              assertThat(d.reason()).isEqualTo(HoldReason.PREFLIGHT_SAMPLE);
              assertThat(d.toPhase()).isEqualTo(Phase.PREFLIGHT);
            });
    assertThat(routing)
        .containsExactly(new RoutingEntry("it.features", "v1", "v2", 0, "it.features/v2", 0));

    windows(0, 3, 0.0);
    assertThat(decisions).hasSize(1);
    assertThat(evaluations)
        .extracting(Evaluation::candidateCount)
        .containsExactly(300L, 600L, 900L);

    windows(3, 4, 0.0);
    Decision advanced = decisions.get(1);
    assertThat(advanced.kind()).isEqualTo(DecisionKind.ADVANCED);
    assertThat(advanced.reason()).isEqualTo(ProgressReason.GATES_PASSED);
    assertThat(advanced.at()).isEqualTo(minute(4));
    assertThat(advanced.message())
        .startsWith("preflight passed: 1200 candidate records against 1200 baseline records")
        .endsWith("exposure 0 -> 1000 bp");
    assertThat(advanced.evidence()).isNotEmpty();
    assertThat(routing).extracting(RoutingEntry::exposureBasisPoints).containsExactly(0, 1000);

    // Stage 1 counts its own records and its own two minutes from the pass: it awaits stage 2's
    // approval no earlier than minute 6, though the rollout's pooled evidence goes on growing.
    windows(4, 5, 0.0);
    assertThat(gate.state().status().phase()).isEqualTo(Phase.STAGE);
    windows(5, 6, 0.0);
    assertThat(decisions.get(decisions.size() - 1).kind())
        .isEqualTo(DecisionKind.AWAITING_APPROVAL);
    assertThat(decisions.get(decisions.size() - 1).at()).isEqualTo(minute(6));
    assertThat(evaluations.get(evaluations.size() - 1).candidateCount()).isEqualTo(1800);
  }

  @Test
  void aBrokenCandidateIsWithdrawnWithItsEvidenceBeforeAnyoneReadsIt() {
    command(start(0));
    windows(0, 1, 0.5);

    Decision failed = decisions.get(decisions.size() - 1);
    assertThat(failed.kind()).isEqualTo(DecisionKind.ROLLED_BACK);
    assertThat(failed.reason()).isEqualTo(RollbackReason.PREFLIGHT_FAILED);
    assertThat(failed.fromPhase()).isEqualTo(Phase.PREFLIGHT);
    assertThat(failed.message()).startsWith("preflight failed: critical gate violation_rate");
    assertThat(failed.evidence()).extracting(r -> r.gate()).contains("violation_rate");
    assertThat(routing).extracting(RoutingEntry::exposureBasisPoints).containsOnly(0);
    assertThat(routing.get(routing.size() - 1).candidateVersion()).isNull();
    assertThat(gate.state().status().abandoned().contains("v2")).isTrue();
  }

  @Test
  void aJobWithoutStateResumesTheSampleFromTheDatabaseAtNoExposure() {
    command(start(0));
    windows(0, 2, 0.0);
    GateSnapshot stored = GateSnapshot.of(gate.state());
    assertThat(stored.rollout().phase()).isEqualTo("PREFLIGHT");

    collect(
        out ->
            gate =
                new DatasetGate(
                    SAMPLED,
                    ProfileSettings.DEFAULTS,
                    GateRecovery.recover(stored, minute(3), "bot", out)));

    Decision recovered = decisions.get(decisions.size() - 1);
    assertThat(recovered.reason()).isEqualTo(HoldReason.RECOVERED_WITHOUT_STATE);
    assertThat(recovered.toPhase()).isEqualTo(Phase.PREFLIGHT);
    assertThat(routing.get(routing.size() - 1).exposureBasisPoints()).isZero();

    // The evidence restarted: the sample needs four windows again.
    windows(3, 6, 0.0);
    assertThat(gate.state().status().phase()).isEqualTo(Phase.PREFLIGHT);
    windows(6, 7, 0.0);
    assertThat(gate.state().status().phase()).isEqualTo(Phase.STAGE);
    assertThat(routing.get(routing.size() - 1).exposureBasisPoints()).isEqualTo(1000);
  }

  private void command(Command command) {
    collect(out -> gate.onCommand(command, out));
  }

  /** Windows of v1 and v2 from {@code from} to {@code until}, v2 with {@code nullX} missing x. */
  private void windows(int from, int until, double nullX) {
    for (int m = from; m < until; m++) {
      Map<String, DatasetProfile> profiles = new HashMap<>();
      profiles.put("v1", ItFeatureWindows.window(SAMPLED, "v1", m, 0.0));
      profiles.put("v2", ItFeatureWindows.window(SAMPLED, "v2", m, nullX));
      int minute = m;
      collect(out -> gate.onWindow(minute(minute), minute(minute + 1), profiles, out));
    }
  }

  private void collect(Consumer<GateOutput> step) {
    GateOutput out = new GateOutput();
    step.accept(out);
    decisions.addAll(out.decisions());
    evaluations.addAll(out.evaluations());
    out.routing().forEach(update -> routing.add(update.entry()));
  }

  private static Command.Start start(int atMinute) {
    return new Command.Start("start-v2", "it.features", "bot", minute(atMinute), "v2", "v1", null);
  }
}
