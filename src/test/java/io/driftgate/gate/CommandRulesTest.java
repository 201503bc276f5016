package io.driftgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.ControlPolicy;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.PlanPolicy;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
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

  @Test
  void anApprovalByTheStarterIsRefusedWhenTheContractAsksForFourEyes() {
    DatasetGate gate = gateWithAlias("v1");
    command(gate, start("c-1", "v2", "v1", 0));

    command(gate, new Command.Approve("c-self", DATASET, "ada", minute(1), 1));
    command(gate, new Command.Approve("c-other", DATASET, "bob", minute(2), 1));

    assertThat(decisions.get(1)).satisfies(d -> refused(d, RejectReason.FOUR_EYES));
    assertThat(decisions.get(1).message())
        .isEqualTo(
            "approval of stage 2 refused: ada started this rollout, and the contract asks for"
                + " another actor's approval");
    // bob's approval, given before the stage awaits one, is kept silently: no refusal
    assertThat(decisions).hasSize(2);
  }

  @Test
  void aContractWithoutFourEyesLetsTheStarterApprove() {
    DataContract lenient = CONTRACT.withControl(policy(false, PlanPolicy.UNLIMITED));
    DatasetGate gate = gateWithAlias(lenient, "v1");
    command(gate, start("c-1", "v2", "v1", 0));

    command(gate, new Command.Approve("c-self", DATASET, "ada", minute(1), 1));

    assertThat(decisions).extracting(Decision::kind).containsExactly(DecisionKind.STARTED);
  }

  /** The forged plan of issue 11: everyone at once, at once, and never rolled back. */
  @Test
  void aCommandPlanBeyondTheContractsLimitsIsRefusedWithEveryProblem() {
    PlanPolicy limits = new PlanPolicy(true, 3, 500, Duration.ofMinutes(10), 1000, 2);
    DatasetGate gate = gateWithAlias(CONTRACT.withControl(policy(true, limits)), "v1");
    RolloutPlan forged =
        new RolloutPlan(List.of(new Stage(10_000, Duration.ZERO, 0, false)), 1_000_000);

    command(gate, start("c-1", "v2", "v1", 0).withPlan(forged));

    assertThat(decisions).singleElement().satisfies(d -> refused(d, RejectReason.PLAN_NOT_ALLOWED));
    assertThat(decisions.get(0).message())
        .startsWith("start of v2 refused: its plan breaks the contract's limits: ")
        .contains("minStages", "maxFirstExposure", "approval(s) by");
    assertThat(routing).isEmpty();
  }

  @Test
  void aContractWithoutCommandPlansRefusesAnyPlanButRunsItsOwn() {
    DatasetGate gate =
        gateWithAlias(CONTRACT.withControl(policy(true, PlanPolicy.forbidden())), "v1");

    command(gate, start("c-1", "v2", "v1", 0).withPlan(CONTRACT.plan()));
    command(gate, start("c-2", "v2", "v1", 1));

    assertThat(decisions.get(0)).satisfies(d -> refused(d, RejectReason.PLAN_NOT_ALLOWED));
    assertThat(decisions.get(1).kind()).isEqualTo(DecisionKind.STARTED);
  }

  @Test
  void aPlanWithinTheLimitsThatKeepsTheApprovalsRuns() {
    PlanPolicy limits = new PlanPolicy(true, 2, 1_000, Duration.ZERO, 0, 1);
    DatasetGate gate = gateWithAlias(CONTRACT.withControl(policy(true, limits)), "v1");

    command(gate, start("c-1", "v2", "v1", 0).withPlan(CONTRACT.plan()));

    assertThat(decisions).extracting(Decision::kind).containsExactly(DecisionKind.STARTED);
  }

  private static ControlPolicy policy(boolean fourEyes, PlanPolicy plans) {
    ControlPolicy open = ControlPolicy.DEFAULT;
    return new ControlPolicy(
        fourEyes, open.restricted(), open.allow(), open.approveByStage(), plans);
  }

  private DatasetGate gateWithAlias(String version) {
    return gateWithAlias(CONTRACT, version);
  }

  private DatasetGate gateWithAlias(DataContract contract, String version) {
    return new DatasetGate(
        contract,
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
    assertThat(decision.routingChanged()).isFalse();
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
