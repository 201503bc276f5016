package io.driftgate.rollout;

import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decision ids name the rollout, not only the candidate: histories of the same dataset that a job
 * started without its state would number alike issue different ids, and state saved before rollouts
 * were identified keeps the ids it had.
 */
class DecisionIdsTest extends RolloutTestBase {

  @Test
  void twoRolloutsOfTheSameCandidateHaveDisjointIds() {
    RolloutRun first = RolloutRun.replay(history(startWithId("start-1")));
    RolloutRun second = RolloutRun.replay(history(startWithId("start-2")));

    assertThat(first.decisions())
        .extracting(Decision::sequence)
        .containsExactlyElementsOf(second.decisions().stream().map(Decision::sequence).toList());
    assertThat(first.decisions())
        .extracting(Decision::decisionId)
        .doesNotContainAnyElementsOf(
            second.decisions().stream().map(Decision::decisionId).toList());
  }

  @Test
  void aReplayOfTheSameStartIssuesTheSameIds() {
    assertThat(RolloutRun.replay(history(startWithId("start-1"))).decisions())
        .extracting(Decision::decisionId)
        .containsExactlyElementsOf(
            RolloutRun.replay(history(startWithId("start-1"))).decisions().stream()
                .map(Decision::decisionId)
                .toList());
  }

  @Test
  void everyDecisionOfARolloutIsNamedByItsStartEvenAfterItEnded() {
    RolloutRun run = RolloutRun.replay(history(startWithId("start-1")));
    run.feed(pause(hoursIn(3)));

    assertThat(run.decisions())
        .allSatisfy(
            d ->
                assertThat(d.decisionId())
                    .isEqualTo(DecisionIds.inRollout(DATASET, "start-1", d.sequence())));
    assertThat(run.status().rolloutId()).isEqualTo("start-1");
  }

  @Test
  void aCommandRejectedOutsideAnyRolloutIsNamedByTheCommand() {
    Decision first = RolloutRun.replay(List.of(pauseWithId("pause-1"))).decisions().get(0);
    Decision second = RolloutRun.replay(List.of(pauseWithId("pause-2"))).decisions().get(0);

    assertThat(first.kind()).isEqualTo(DecisionKind.REJECTED);
    assertThat(first.sequence()).isEqualTo(second.sequence()).isEqualTo(1);
    assertThat(first.decisionId())
        .isEqualTo(DecisionIds.outsideRollout(DATASET, "pause-1", 1))
        .isNotEqualTo(second.decisionId());
  }

  @Test
  void statusSavedBeforeRolloutsWereIdentifiedKeepsTheCandidateIdsUntilItsRolloutEnds() {
    RolloutStatus restored = withoutRolloutId(RolloutRun.replay(List.of(start(T0))).status());

    Transition paused = onCommand(restored, pause(TEN_MINUTES_IN));
    Transition aborted = onCommand(paused.next(), abort(minutesIn(20), "wrong build"));
    Transition rejected = onCommand(aborted.next(), pause(minutesIn(30)));
    Transition next =
        onCommand(
            rejected.next(),
            new Command.Start("start-v3", DATASET, OPERATOR, minutesIn(40), "v3", BASELINE, PLAN));

    assertThat(paused.decisions().get(0).decisionId())
        .isEqualTo(DecisionIds.ofCandidate(DATASET, CANDIDATE, 2));
    assertThat(aborted.decisions().get(0).decisionId())
        .isEqualTo(DecisionIds.ofCandidate(DATASET, CANDIDATE, 3));
    assertThat(rejected.decisions().get(0).decisionId())
        .as("the ended rollout still names the rejection")
        .isEqualTo(DecisionIds.ofCandidate(DATASET, CANDIDATE, 4));
    assertThat(next.decisions().get(0).decisionId())
        .isEqualTo(DecisionIds.inRollout(DATASET, "start-v3", 5));
  }

  @Test
  void idsDependOnDatasetScopeAndSequence() {
    UUID id = DecisionIds.inRollout("orders", "start-1", 7);
    assertThat(id).isEqualTo(DecisionIds.inRollout("orders", "start-1", 7));
    assertThat(id)
        .isNotEqualTo(DecisionIds.inRollout("orders", "start-1", 8))
        .isNotEqualTo(DecisionIds.inRollout("orders", "start-2", 7))
        .isNotEqualTo(DecisionIds.inRollout("orderz", "start-1", 7))
        .isNotEqualTo(DecisionIds.outsideRollout("orders", "start-1", 7))
        .isNotEqualTo(DecisionIds.ofCandidate("orders", "start-1", 7));
    assertThat(DecisionIds.inRollout("ab", "c", 1))
        .isNotEqualTo(DecisionIds.inRollout("a", "bc", 1));
  }

  /** The name the version before rollout ids hashed, so that its ids stay as they were. */
  @Test
  void candidateIdsAreThoseOfTheEarlierVersion() {
    assertThat(DecisionIds.ofCandidate("orders", "v2", 7))
        .isEqualTo(UUID.nameUUIDFromBytes("driftgate-decision:6:orders2:v27".getBytes(UTF_8)));
  }

  /** Start, an evaluation that advances, a pause, an abort: the same inputs but the start's id. */
  private static List<Object> history(Command.Start start) {
    return List.of(
        start,
        evaluationAt(ONE_HOUR_IN).build(),
        pause(minutesIn(70)),
        abort(minutesIn(80), "wrong build"));
  }

  /**
   * The status as Java serialization restores it from state saved before the field {@code
   * rolloutId} existed: every other component as saved, that one at its default.
   */
  private static RolloutStatus withoutRolloutId(RolloutStatus saved) {
    return new RolloutStatus(
        saved.dataset(),
        saved.candidateVersion(),
        saved.baselineVersion(),
        saved.plan(),
        saved.phase(),
        saved.stageIndex(),
        saved.stageStartedAt(),
        saved.phaseBeforePause(),
        saved.exposureBasisPoints(),
        saved.breachStreaks(),
        saved.lastHold(),
        saved.overdue(),
        saved.decisionSequence(),
        saved.abandoned(),
        saved.advanceApprovals(),
        null);
  }

  private static Command.Start startWithId(String id) {
    return new Command.Start(id, DATASET, OPERATOR, T0, CANDIDATE, BASELINE, PLAN);
  }

  private static Command.Pause pauseWithId(String id) {
    return new Command.Pause(id, DATASET, OPERATOR, T0);
  }

  /** A command applied at its own time, as the controller does when the watermark passes it. */
  private static Transition onCommand(RolloutStatus status, Command command) {
    return RolloutStateMachine.onCommand(status, command, command.at());
  }
}
