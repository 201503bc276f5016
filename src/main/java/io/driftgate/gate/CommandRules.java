package io.driftgate.gate;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.PlanPolicy;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.RejectReason;
import io.driftgate.rollout.RolloutStateMachine;
import io.driftgate.rollout.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command must satisfy beyond fitting the rollout's phase, because a mistaken or forged
 * command could otherwise move consumers somewhere nobody chose:
 *
 * <ul>
 *   <li>a start is measured against the version the alias points at, so that a rollback (which
 *       returns consumers to the baseline) can only return them to where they were;
 *   <li>a plan sent with a start keeps within the contract's {@code commandPlans} limits and asks
 *       for its approvals, so that a command cannot expose everyone at once;
 *   <li>a start that names its candidate's location names the one recorded for that version, if
 *       any, since consumers may already read it there;
 *   <li>an approval comes from another actor than the rollout's starter when the contract asks for
 *       four eyes. A rollout whose starter the gate does not know (started before it was kept, or
 *       recovered from the database) is approved as before.
 * </ul>
 *
 * Who may send which command at all is checked before the command reaches the gate, with its
 * signature (io.driftgate.job.CommandGuard).
 */
final class CommandRules {

  private CommandRules() {}

  /**
   * The refusal of {@code command}, or empty when the state machine may weigh it.
   *
   * @param alias where the dataset's alias points now, empty when it has none
   * @param locations asked only for a start that names its candidate's location
   */
  static Optional<Transition> refusal(
      Command command,
      GateState state,
      Supplier<Optional<String>> alias,
      RecordedLocations locations,
      DataContract contract,
      Instant at) {
    if (command instanceof Command.Start start && start.location() != null) {
      Optional<String> recorded = locations.of(start.dataset(), start.candidateVersion());
      if (recorded.isPresent() && !recorded.get().equals(start.location())) {
        return refuse(
            state,
            command,
            at,
            RejectReason.LOCATION_CONFLICT,
            String.format(
                "start of %s refused: %s of %s is recorded at %s, not %s; a version's location"
                    + " never changes (publish the data as a new version)",
                start.candidateVersion(),
                start.candidateVersion(),
                start.dataset(),
                recorded.get(),
                start.location()));
      }
    }
    if (command instanceof Command.Start start) {
      Optional<String> current = alias.get();
      if (current.isPresent() && !current.get().equals(start.baselineVersion())) {
        return refuse(
            state,
            command,
            at,
            RejectReason.BASELINE_NOT_ALIAS,
            String.format(
                "start of %s refused: the alias of %s points at %s, so the baseline must be %s,"
                    + " not %s",
                start.candidateVersion(),
                start.dataset(),
                current.get(),
                current.get(),
                start.baselineVersion()));
      }
      if (start.plan() != null) {
        List<String> problems = planProblems(start.plan(), contract);
        if (!problems.isEmpty()) {
          return refuse(
              state,
              command,
              at,
              RejectReason.PLAN_NOT_ALLOWED,
              "start of "
                  + start.candidateVersion()
                  + " refused: its plan breaks the contract's limits: "
                  + String.join("; ", problems));
        }
      }
    }
    if (command instanceof Command.Approve approve
        && contract.control().fourEyes()
        && state.status != null
        && state.status.phase().active()
        && approve.actor().equals(state.rolloutStartedBy)) {
      return refuse(
          state,
          command,
          at,
          RejectReason.FOUR_EYES,
          String.format(
              "approval of stage %d refused: %s started this rollout, and the contract asks for"
                  + " another actor's approval",
              approve.stageIndex() + 1, approve.actor()));
    }
    return Optional.empty();
  }

  /**
   * What a start's own plan breaks: the contract's {@code commandPlans} limits and, when the
   * contract sets any, its approvals, which a plan sent with a command must then not drop: for
   * every stage the contract's plan makes wait for an approval, the command's plan asks as many
   * approvals by that exposure. A contract without limits lets a command's plan replace its own.
   */
  static List<String> planProblems(RolloutPlan plan, DataContract contract) {
    PlanPolicy policy = contract.control().commandPlans();
    List<String> problems = new ArrayList<>(policy.problems(plan));
    if (policy.equals(PlanPolicy.UNLIMITED)) {
      return problems;
    }
    for (Stage gated : contract.plan().stages()) {
      if (!gated.approvalRequired()) {
        continue;
      }
      long required = approvalsBy(contract.plan(), gated.exposureBasisPoints());
      long given = approvalsBy(plan, gated.exposureBasisPoints());
      if (given < required) {
        problems.add(
            String.format(
                "the contract's plan asks %d approval(s) by %s%% exposure, this plan %d",
                required, PlanPolicy.percent(gated.exposureBasisPoints()), given));
        break;
      }
    }
    return problems;
  }

  private static long approvalsBy(RolloutPlan plan, int exposureBasisPoints) {
    return plan.stages().stream()
        .filter(s -> s.approvalRequired() && s.exposureBasisPoints() <= exposureBasisPoints)
        .count();
  }

  private static Optional<Transition> refuse(
      GateState state, Command command, Instant at, RejectReason reason, String message) {
    return Optional.of(RolloutStateMachine.refuse(state.status, command, at, reason, message));
  }
}
