package io.driftgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.RejectReason;
import io.driftgate.routing.RoutingEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules a command meets before the state machine weighs it, through the gate. */
class CommandRulesTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String DATASET = "it.features";

  private final AtomicInteger lookups = new AtomicInteger();
  private final List<Decision> decisions = new ArrayList<>();
  private final List<RoutingEntry> routing = new ArrayList<>();
  private final GateState state = new GateState();

  @Test
  void aStartWhoseBaselineIsNotTheAliasIsRefusedAndExposesNobody() {
    DatasetGate gate = gateWithAlias("v1");

    command(gate, start("c-evil", "v1", "vEVIL", 0));

    assertThat(decisions)
        .singleElement()
        .satisfies(d -> refused(d, RejectReason.BASELINE_NOT_ALIAS));
    assertThat(decisions.get(0).message())
        .isEqualTo(
            "start of v1 refused: the alias of it.features points at v1, so the baseline must be"
                + " v1, not vEVIL");
    assertThat(routing).isEmpty();
    assertThat(state.status().phase().active()).isFalse();
  }

  @Test
  void aStartAgainstTheAliasRuns() {
    DatasetGate gate = gateWithAlias("v1");

    command(gate, start("c-1", "v2", "v1", 0));

    assertThat(decisions).extracting(Decision::kind).containsExactly(DecisionKind.STARTED);
    assertThat(routing).singleElement().extracting(RoutingEntry::baselineVersion).isEqualTo("v1");
  }

  @Test
  void afterARolloutTheGateKnowsTheAliasWithoutAskingAgain() {
    DatasetGate gate = gateWithAlias("v1");
    command(gate, start("c-1", "v2", "v1", 0));
    command(gate, new Command.Abort("c-abort", DATASET, "ada", minute(1), "not today"));

    command(gate, start("c-2", "v3", "v2", 2));
    command(gate, start("c-3", "v3", "v1", 3));

    assertThat(decisions.get(2)).satisfies(d -> refused(d, RejectReason.BASELINE_NOT_ALIAS));
    assertThat(decisions.get(2).message()).contains("points at v1");
    assertThat(decisions.get(3).kind()).isEqualTo(DecisionKind.STARTED);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aDatasetWithoutAnAliasTakesTheFirstBaselineAsNamed() {
    DatasetGate gate =
        new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, state, d -> Optional.empty());

    command(gate, start("c-1", "v2", "v0", 0));

    assertThat(decisions).extracting(Decision::kind).containsExactly(DecisionKind.STARTED);
  }

  @Test
  void theStarterIsRememberedAndSurvivesTheStateFormat() {
    DatasetGate gate = gateWithAlias("v1");

    command(gate, start("c-1", "v2", "v1", 0));

    assertThat(state.saved().rolloutStartedBy()).isEqualTo("ada");
  }

  private DatasetGate gateWithAlias(String version) {
    return new DatasetGate(
        CONTRACT,
        ProfileSettings.DEFAULTS,
        state,
        dataset -> {
          lookups.incrementAndGet();
          return Optional.of(version);
        });
  }

  private static void refused(Decision decision, RejectReason reason) {
    assertThat(decision.kind()).isEqualTo(DecisionKind.REJECTED);
    assertThat(decision.reason()).isEqualTo(reason);
    assertThat(decision.exposureBasisPoints()).isZero();
  }

  private void command(DatasetGate gate, Command command) {
    GateOutput out = new GateOutput();
    gate.onCommand(command, out);
    decisions.addAll(out.decisions());
    out.routing().forEach(update -> routing.add(update.entry()));
  }

  private static Command.Start start(String id, String candidate, String baseline, int minute) {
    return new Command.Start(id, DATASET, "ada", minute(minute), candidate, baseline, null);
  }

  private static Instant minute(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
