package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code x-driftgate.control}: who may command a rollout, four-eyes, and the limits on a plan sent
 * with a start command.
 */
class ControlPolicyContractTest {

  private static final String FULL =
      """
      fourEyes: true
      allow:
        start: [ada, grace]
        approve: [bob, carol]
        pause: ["*"]
        resume: [ada, bob]
        abort: [ada]
        rollback: ["*"]
      commandPlans:
        allowed: true
        minStages: 3
        maxFirstExposure: 5
        minStageDuration: PT10M
        minStageSamples: 1000
        minRollbackWindow: 2
      """;

  /** The plan that put a bad version at 100% at once before command plans had limits. */
  private static final String FORGED =
      "{rollbackWindow: 1000000, stages: [{exposure: 100, minDuration: PT0S, minSamples: 0}]}";

  @Test
  void withoutTheBlockAnyoneMayDoAnythingWithFourEyesAndAnyPlan() {
    ControlPolicy control = ContractLoader.load(contract(null), "t.yaml").control();

    assertThat(control).isEqualTo(ControlPolicy.DEFAULT);
    assertThat(control.fourEyes()).isTrue();
    for (ControlAction action : ControlAction.values()) {
      assertThat(control.allows("anybody", action, 0)).as("%s", action).isTrue();
      assertThat(control.describeAllowed(action, 0)).endsWith(" is allowed to anyone");
    }
    assertThat(control.commandPlans().allowed()).isTrue();
    assertThat(control.commandPlans().problems(plan(FORGED))).isEmpty();
  }

  @Test
  void aBlankOrAbsentActorIsNeverAllowed() {
    ControlPolicy control = ControlPolicy.DEFAULT;

    assertThat(control.allows(null, ControlAction.START, 0)).isFalse();
    assertThat(control.allows(" ", ControlAction.START, 0)).isFalse();
    assertThat(load(FULL).allows("", ControlAction.PAUSE, 0)).isFalse();
  }

  @Test
  void theExampleContractsSetNoPolicy() {
    assertThat(ContractLoader.load(Contracts.example("features.customer_profile.yaml")).control())
        .isEqualTo(ControlPolicy.DEFAULT);
    assertThat(ContractLoader.load(Contracts.example("payments.transactions.yaml")).control())
        .isEqualTo(ControlPolicy.DEFAULT);
  }

  @Test
  void listsAllowTheActorsNamedAndStarAnyone() {
    ControlPolicy control = load(FULL);

    assertThat(control.restricted()).isTrue();
    assertThat(control.allows("ada", ControlAction.START, 0)).isTrue();
    assertThat(control.allows("grace", ControlAction.START, 0)).isTrue();
    assertThat(control.allows("bob", ControlAction.START, 0)).isFalse();
    assertThat(control.allows("Ada", ControlAction.START, 0)).as("names are exact").isFalse();
    assertThat(control.allows("bob", ControlAction.APPROVE, 0)).isTrue();
    assertThat(control.allows("carol", ControlAction.APPROVE, 7)).isTrue();
    assertThat(control.allows("ada", ControlAction.APPROVE, 1)).isFalse();
    assertThat(control.allows("mallory", ControlAction.PAUSE, 0)).isTrue();
    assertThat(control.allows("mallory", ControlAction.ROLLBACK, 0)).isTrue();
    assertThat(control.allows("bob", ControlAction.RESUME, 0)).isTrue();
    assertThat(control.allows("bob", ControlAction.ABORT, 0)).isFalse();
    assertThat(control.describeAllowed(ControlAction.START, 0))
        .isEqualTo("start is allowed to ada, grace");
    assertThat(control.describeAllowed(ControlAction.APPROVE, 1))
        .isEqualTo("approve of stage 2 is allowed to bob, carol");
    assertThat(control.describeAllowed(ControlAction.PAUSE, 0))
        .isEqualTo("pause is allowed to anyone");
  }

  @Test
  void approveByStageNumberFallsBackToTheDefault() {
    ControlPolicy control =
        load("allow: { approve: { default: [bob, carol], 3: [carol] }, start: [ada] }");

    assertThat(control.allows("bob", ControlAction.APPROVE, 0)).isTrue();
    assertThat(control.allows("bob", ControlAction.APPROVE, 1)).isTrue();
    assertThat(control.allows("bob", ControlAction.APPROVE, 2)).as("stage 3").isFalse();
    assertThat(control.allows("carol", ControlAction.APPROVE, 2)).isTrue();
    assertThat(control.allows("bob", ControlAction.APPROVE, 3)).isTrue();
    assertThat(control.describeAllowed(ControlAction.APPROVE, 2))
        .isEqualTo("approve of stage 3 is allowed to carol");
    assertThat(control.approveByStage()).containsOnlyKeys(3);
  }

  @Test
  void approveByStageWithoutADefaultAllowsNobodyElsewhere() {
    ControlPolicy control = load("allow: { approve: { 2: [carol], 4: ['*'] } }");

    assertThat(control.allows("carol", ControlAction.APPROVE, 1)).isTrue();
    assertThat(control.allows("carol", ControlAction.APPROVE, 0)).isFalse();
    assertThat(control.allows("anyone-at-all", ControlAction.APPROVE, 3)).isTrue();
    assertThat(control.describeAllowed(ControlAction.APPROVE, 0))
        .isEqualTo("approve of stage 1 is allowed to nobody");
  }

  @Test
  void anActionMissingFromAllowOrWithAnEmptyListIsAllowedToNobody() {
    ControlPolicy control = load("allow: { start: [ada], abort: [] }");

    assertThat(control.allows("ada", ControlAction.START, 0)).isTrue();
    for (ControlAction action :
        List.of(
            ControlAction.APPROVE,
            ControlAction.PAUSE,
            ControlAction.RESUME,
            ControlAction.ABORT,
            ControlAction.ROLLBACK)) {
      assertThat(control.allows("ada", action, 0)).as("%s", action).isFalse();
    }
    assertThat(control.describeAllowed(ControlAction.RESUME, 0))
        .isEqualTo("resume is allowed to nobody");
    assertThat(control.describeAllowed(ControlAction.ABORT, 0))
        .isEqualTo("abort is allowed to nobody");
  }

  @Test
  void withoutAllowAnyoneMayDoAnythingAndFourEyesMayBeSwitchedOff() {
    ControlPolicy control = load("fourEyes: false, commandPlans: { minStages: 2 }");

    assertThat(control.fourEyes()).isFalse();
    assertThat(control.restricted()).isFalse();
    assertThat(control.allows("anybody", ControlAction.ABORT, 0)).isTrue();
    assertThat(control.commandPlans().minStages()).isEqualTo(2);
  }

  @Test
  void anEmptyBlockIsTheDefault() {
    assertThat(load("")).isEqualTo(ControlPolicy.DEFAULT);
  }

  @Test
  void readsEveryPlanLimit() {
    assertThat(load(FULL).commandPlans())
        .isEqualTo(new PlanPolicy(true, 3, 500, Duration.ofMinutes(10), 1000, 2));
    assertThat(load("commandPlans: { maxFirstExposure: 0.25 }").commandPlans())
        .isEqualTo(new PlanPolicy(true, 1, 25, Duration.ZERO, 0, 1));
  }

  @Test
  void misspeltKeysNameTheClosestKnownOne() {
    assertProblems(
        "fourEye: false, alow: { start: [ada] }",
        problem("x-driftgate.control.fourEye", "unknown key 'fourEye', did you mean 'fourEyes'?"),
        problem("x-driftgate.control.alow", "unknown key 'alow', did you mean 'allow'?"));
    assertProblems(
        "allow: { aprove: [bob], stop: [ada] }",
        problem(
            "x-driftgate.control.allow.aprove", "unknown key 'aprove', did you mean 'approve'?"),
        problem(
            "x-driftgate.control.allow.stop",
            "unknown key 'stop', expected one of: start, approve, pause, resume, abort,"
                + " rollback"));
    assertProblems(
        "allow: { approve: { defualt: [bob], 0: [carol], first: [ada] } }",
        problem(
            "x-driftgate.control.allow.approve.defualt",
            "unknown key 'defualt', did you mean 'default'?"),
        problem(
            "x-driftgate.control.allow.approve.0",
            "unknown key '0', expected 'default' or a stage number counted from 1"),
        problem(
            "x-driftgate.control.allow.approve.first",
            "unknown key 'first', expected 'default' or a stage number counted from 1"));
    assertProblems(
        "commandPlans: { minStage: 3, allowd: true }",
        problem(
            "x-driftgate.control.commandPlans.minStage",
            "unknown key 'minStage', did you mean 'minStages'?"),
        problem(
            "x-driftgate.control.commandPlans.allowd",
            "unknown key 'allowd', did you mean 'allowed'?"));
  }

  @Test
  void wrongTypesAreProblems() {
    assertProblems(
        "fourEyes: 'yes', allow: [ada]",
        problem("x-driftgate.control.fourEyes", "expected a boolean, got string 'yes'"),
        problem("x-driftgate.control.allow", "expected a mapping, got a sequence"));
    assertProblems(
        "allow: { start: ada, abort: [ada, 42, ' ', ada], pause: null }",
        problem("x-driftgate.control.allow.start", "expected a sequence, got string 'ada'"),
        problem(
            "x-driftgate.control.allow.pause",
            "expected a sequence of actors, got nothing;"
                + " write [] to allow it to nobody, [\"*\"] to anyone"),
        problem("x-driftgate.control.allow.abort[1]", "expected a string, got number 42"),
        problem("x-driftgate.control.allow.abort[2]", "an actor name must not be blank"),
        problem("x-driftgate.control.allow.abort[3]", "actor 'ada' is listed twice"));
    assertProblems(
        "allow: { pause: { default: [ada] } }",
        problem("x-driftgate.control.allow.pause", "expected a sequence, got a mapping"));
    assertProblems(
        "commandPlans: { allowed: 1, minStages: 0, maxFirstExposure: 0.001,"
            + " minStageDuration: 10m, minStageSamples: -1, minRollbackWindow: 1.5 }",
        problem("x-driftgate.control.commandPlans.allowed", "expected a boolean, got number 1"),
        problem("x-driftgate.control.commandPlans.minStages", "minStages 0 must be at least 1"),
        problem(
            "x-driftgate.control.commandPlans.maxFirstExposure",
            "maxFirstExposure 0.001 has more than 2 decimals; the finest step is 0.01 percent"
                + " (one basis point)"),
        problem(
            "x-driftgate.control.commandPlans.minStageDuration",
            "invalid ISO-8601 duration '10m', expected e.g. PT15M or PT1H30M"),
        problem(
            "x-driftgate.control.commandPlans.minStageSamples",
            "minStageSamples -1 must be at least 0"),
        problem(
            "x-driftgate.control.commandPlans.minRollbackWindow",
            "expected an integer, got number 1.5"));
    assertProblems(
        "commandPlans: { maxFirstExposure: 120 }",
        problem(
            "x-driftgate.control.commandPlans.maxFirstExposure",
            "maxFirstExposure 120 must be in [0.01, 100] percent"));
  }

  @Test
  void aControlThatIsNotAMappingIsAProblem() {
    ContractException e =
        catchThrowableOfType(
            ContractException.class,
            () ->
                ContractLoader.load(
                    contract(null).replace("x-driftgate:\n", "x-driftgate:\n  control: true\n"),
                    "t.yaml"));

    assertThat(e.problems())
        .containsExactly(problem("x-driftgate.control", "expected a mapping, got boolean true"));
  }

  @Test
  void theForgedPlanBreaksMinStagesAndMaxFirstExposure() {
    PlanPolicy policy = load(FULL).commandPlans();

    assertThat(policy.problems(plan(FORGED)))
        .containsExactly(
            "the plan has 1 stage, the contract requires at least 3 (minStages)",
            "stage 1 exposure 100% is above the contract's maxFirstExposure 5%");
  }

  @Test
  void aPlanWithinEveryLimitHasNoProblems() {
    PlanPolicy policy = load(FULL).commandPlans();

    assertThat(
            policy.problems(
                plan(
                    "{rollbackWindow: 2, stages: ["
                        + "{exposure: 5, minDuration: PT10M, minSamples: 1000},"
                        + "{exposure: 50, minDuration: PT1H, minSamples: 5000},"
                        + "{exposure: 100, minDuration: PT0S, minSamples: 0}]}")))
        .isEmpty();
  }

  @Test
  void everyBrokenLimitIsNamedWithItsStageAndNumbers() {
    PlanPolicy policy = load(FULL).commandPlans();

    assertThat(
            policy.problems(
                plan(
                    "{rollbackWindow: 1, stages: ["
                        + "{exposure: 5.5, minDuration: PT9M, minSamples: 999},"
                        + "{exposure: 50, minDuration: PT10M, minSamples: 10},"
                        + "{exposure: 100, minDuration: PT0S, minSamples: 0}]}")))
        .containsExactly(
            "stage 1 exposure 5.5% is above the contract's maxFirstExposure 5%",
            "stage 1 minDuration PT9M is shorter than the contract's minStageDuration PT10M",
            "stage 1 minSamples 999 is below the contract's minStageSamples 1000",
            "stage 2 minSamples 10 is below the contract's minStageSamples 1000",
            "the plan's rollbackWindow 1 is below the contract's minRollbackWindow 2");
  }

  @Test
  void onlyAFinalFullStageIsExemptFromDurationAndSamples() {
    PlanPolicy policy = new PlanPolicy(true, 1, 10_000, Duration.ofMinutes(10), 1000, 1);

    assertThat(
            policy.problems(
                plan(
                    "{stages: [{exposure: 50, minDuration: PT0S, minSamples: 0},"
                        + " {exposure: 100, minDuration: PT0S, minSamples: 0}]}")))
        .containsExactly(
            "stage 1 minDuration PT0S is shorter than the contract's minStageDuration PT10M",
            "stage 1 minSamples 0 is below the contract's minStageSamples 1000");
    assertThat(
            policy.problems(new RolloutPlan(List.of(new Stage(5_000, Duration.ZERO, 0, false)), 3)))
        .as("a last stage below 100 is no final 100% stage (PlanCheck rejects it anyway)")
        .hasSize(2);
  }

  @Test
  void planLimitsCanBeMetExactly() {
    PlanPolicy policy = new PlanPolicy(true, 2, 100, Duration.ofMinutes(1), 5, 4);

    assertThat(
            policy.problems(
                plan(
                    "{rollbackWindow: 4, stages: [{exposure: 1, minDuration: PT1M, minSamples: 5},"
                        + " {exposure: 100, minDuration: PT0S, minSamples: 0}]}")))
        .isEmpty();
  }

  @Test
  void whenCommandPlansAreNotAllowedEveryPlanIsRefused() {
    ControlPolicy control = load("commandPlans: { allowed: false }");

    assertThat(control.commandPlans().allowed()).isFalse();
    assertThat(control.commandPlans())
        .isEqualTo(PlanPolicy.forbidden())
        .extracting(policy -> policy.problems(plan(FORGED)))
        .asList()
        .containsExactly(
            "the contract does not allow a start command to carry a plan"
                + " (control.commandPlans.allowed is false); start without one to run the"
                + " contract's plan");
  }

  @Test
  void limitsBesideAllowedFalseAreProblems() {
    assertProblems(
        "commandPlans: { allowed: false, minStages: 3 }",
        problem(
            "x-driftgate.control.commandPlans.minStages",
            "minStages has no effect with allowed: false, since no command plan may run"));
  }

  @Test
  void theContractKeepsItsPolicyThroughSerializationAndEquality() throws Exception {
    DataContract contract = ContractLoader.load(contract(FULL), "t.yaml");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(contract);
    }
    Object read;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      read = in.readObject();
    }

    assertThat(read).isEqualTo(contract).hasSameHashCodeAs(contract);
    assertThat(((DataContract) read).control().allows("ada", ControlAction.START, 0)).isTrue();
    assertThat(contract.withControl(ControlPolicy.DEFAULT)).isNotEqualTo(contract);
    assertThat(contract.withControl(null).control()).isEqualTo(ControlPolicy.DEFAULT);
    assertThat(
            new DataContract("d", "1", false, List.of(), List.of(), null, contract.plan(), 0.01)
                .control())
        .isEqualTo(ControlPolicy.DEFAULT);
  }

  private static ControlPolicy load(String control) {
    return ContractLoader.load(contract(control), "t.yaml").control();
  }

  private static RolloutPlan plan(String yaml) {
    try {
      return RolloutPlans.fromTree(new YAMLMapper().readTree(yaml), "command c-1");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertProblems(String control, ContractProblem... problems) {
    ContractException e =
        catchThrowableOfType(
            ContractException.class, () -> ContractLoader.load(contract(control), "t.yaml"));

    assertThat(e).as("%s must be rejected", control).isNotNull();
    assertThat(e.problems()).containsExactlyInAnyOrder(problems);
  }

  private static ContractProblem problem(String path, String problem) {
    return new ContractProblem(path, problem);
  }

  /**
   * A contract whose control block is {@code control}: YAML lines, or the inside of a flow mapping
   * when it is one line; none when {@code null}.
   */
  private static String contract(String control) {
    String block = "";
    if (control != null) {
      String body = control.contains("\n") ? control : "{ " + control + " }";
      block = "  control:\n" + body.indent(4);
    }
    return "name: demo\nversion: 1.0.0\nschema:\n  - properties:\n"
        + "      - { name: f, logicalType: string }\n"
        + "x-driftgate:\n"
        + block
        + "  rollout: { stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }\n";
  }
}
