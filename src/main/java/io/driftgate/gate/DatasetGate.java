package io.driftgate.gate;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.drift.AlphaBudget;
import io.driftgate.drift.DriftEvaluator;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.OutcomeJudge;
import io.driftgate.drift.WindowBets;
import io.driftgate.outcome.Assignment;
import io.driftgate.outcome.Assignment.Exclusion;
import io.driftgate.outcome.CohortAssigner;
import io.driftgate.outcome.CohortObservations;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeDistributions;
import io.driftgate.outcome.RoutingHistory;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.ProfileShape;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RolloutStateMachine;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.rollout.StageSamples;
import io.driftgate.rollout.Transition;
import io.driftgate.routing.RoutingEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One dataset's gate: folds window profiles into the rollout's candidate and baseline profiles,
 * evaluates them, and runs the rollout state machine on evaluations and commands. The Flink
 * controller only orders inputs by event time and routes the outputs; everything it decides is
 * decided here, so a test of the controller's logic needs no Flink.
 *
 * <p>Evidence is pooled over the whole rollout: the candidate and baseline versions stay the same
 * from its start to its end, and exposure changes who reads the data, not the data, so a stage
 * advance does not forget what earlier stages saw. Each gate's test is valid under continuous
 * monitoring of one growing sample, so it spends its share of the false-rollback rate once per
 * rollout (docs/statistics.md). What is a stage's own are its conditions to pass: the state machine
 * checks its minimum samples against the records observed since the stage started, counted here,
 * and its minimum duration against the stage clock. The profiles restart only when a rollout ends
 * or another candidate's begins.
 *
 * <p>The candidate's rollout profile is also, on promotion, the reference profile of the new
 * baseline, used when that version's live stream is silent in a later rollout.
 *
 * <p>State saved before evidence was pooled holds a rollout candidate profile but no rollout
 * baseline profile; for a rollout in flight the evidence then restarts at the first window after
 * the restore (both sides, so they keep covering the same windows), and so do the stage's counts.
 *
 * <p>A gate rebuilt from the database by a job without state ({@link GateRecovery}) may hold a
 * rollout it cannot resume: it then judges no window, passes only an abort, a rollback or a start
 * to the state machine, and publishes no routing row until the rollout ends.
 */
public final class DatasetGate {

  private final DataContract contract;
  private final ProfileSettings settings;
  private final GateState state;
  private final CurrentAlias currentAlias;
  private final RecordedLocations locations;
  private final OutcomeSettings outcomeSettings;

  public DatasetGate(DataContract contract, ProfileSettings settings, GateState state) {
    this(contract, settings, state, CurrentAlias.UNKNOWN);
  }

  public DatasetGate(
      DataContract contract, ProfileSettings settings, GateState state, CurrentAlias currentAlias) {
    this(contract, settings, state, currentAlias, RecordedLocations.NONE);
  }

  /**
   * @param currentAlias asked where the alias points when a start arrives and the gate has no
   *     rollout history to tell
   */
  public DatasetGate(
      DataContract contract,
      ProfileSettings settings,
      GateState state,
      CurrentAlias currentAlias,
      RecordedLocations locations) {
    this(contract, settings, state, currentAlias, locations, OutcomeSettings.DEFAULTS);
  }

  public DatasetGate(
      DataContract contract,
      ProfileSettings settings,
      GateState state,
      CurrentAlias currentAlias,
      RecordedLocations locations,
      OutcomeSettings outcomeSettings) {
    this.contract = contract;
    this.settings = settings;
    this.state = state;
    this.currentAlias = currentAlias;
    this.locations = locations;
    this.outcomeSettings = outcomeSettings;
  }

  public GateState state() {
    return state;
  }

  /**
   * Applies an operator's command, unless a command with its id was answered before: a repeat (a
   * retry, or a redelivery) changes nothing and decides nothing, and is only reported in {@code
   * out}'s duplicates. A start without a plan of its own runs the contract's plan.
   */
  public void onCommand(Command command, GateOutput out) {
    RecentCommandIds answered =
        state.recentCommandIds == null ? RecentCommandIds.NONE : state.recentCommandIds;
    if (answered.contains(command.commandId())) {
      out.addDuplicate(command);
      return;
    }
    state.recentCommandIds = answered.plus(command.commandId());
    Instant at = advanceClock(command.at());
    Command effective =
        command instanceof Command.Start start && start.plan() == null
            ? start.withPlan(contract.plan())
            : command;
    PreflightRun preflight =
        effective instanceof Command.Start start && start.preflight() != null
            ? PreflightRun.of(contract, settings, state, start)
            : null;
    Transition transition =
        CommandRules.refusal(command, state, aliasNow(command.dataset()), locations, contract, at)
            .orElseGet(() -> weigh(effective, preflight, at));
    boolean started =
        transition.decisions().stream().anyMatch(d -> d.kind() == DecisionKind.STARTED);
    if (started) {
      state.rolloutStartedAt = at;
      state.rolloutStartedBy = command.actor();
      out.addStarted((Command.Start) effective);
    }
    if (preflight != null) {
      out.add(preflight.evaluation());
    }
    apply(transition, at, out);
    if (started && preflight != null) {
      preflight.seed(state);
    }
    if (state.evidenceComplete) {
      judgeCompleteEvidence(at, out);
    }
  }

  private Transition weigh(Command command, PreflightRun preflight, Instant at) {
    if (state.notResumable != null) {
      return RolloutStateMachine.onCommandNotResumable(
          state.status, command, state.notResumable.why(), at);
    }
    if (preflight != null) {
      return RolloutStateMachine.onStart(
          state.status, (Command.Start) command, preflight.verdict(), at);
    }
    if (command instanceof Command.Start start) {
      return RolloutStateMachine.onStreamedStart(
          state.status, start, contract.preflightSamples(), at);
    }
    return RolloutStateMachine.onCommand(state.status, command, at);
  }

  /**
   * Judges a rollout whose evidence is complete (its preflight's) at {@code at}: the stage clock
   * and approvals are all that can change, so this is called whenever the clock moves. A stage that
   * passes at once (no minimum duration) is followed by the next one's judgement, at the same time.
   */
  public void onTick(Instant at, GateOutput out) {
    Instant now = advanceClock(at);
    if (state.evidenceComplete) {
      judgeCompleteEvidence(now, out);
    }
  }

  /**
   * When {@link #onTick} should next be called: the rollout's evidence is complete and its stage's
   * minimum duration or deadline lies ahead of the gate's clock. Empty otherwise; windows and
   * commands move a streamed rollout.
   */
  public Optional<Instant> nextTick() {
    if (!state.evidenceComplete || state.notResumable != null || state.clock == null) {
      return Optional.empty();
    }
    return RolloutStateMachine.nextCheck(state.status, state.clock);
  }

  private void judgeCompleteEvidence(Instant at, GateOutput out) {
    while (true) {
      RolloutStatus status = state.status;
      if (status == null || !status.phase().active() || state.notResumable != null) {
        return;
      }
      DatasetProfile candidate = DatasetProfile.fromBytes(state.rolloutCandidateProfile);
      DatasetProfile baseline = DatasetProfile.fromBytes(state.rolloutBaselineProfile);
      Evaluation evaluation =
          withOutcomes(
              DriftEvaluator.evaluate(
                  contract,
                  candidate,
                  baseline,
                  state.rolloutWindowStart,
                  at)); // the stage clock reads the evaluation's end: evidence complete, time moves
      // on
      apply(
          RolloutStateMachine.onEvaluation(
              status, evaluation, new StageSamples(candidate.records(), baseline.records()), at),
          at,
          out);
      RolloutStatus after = state.status;
      if (after.phase() == status.phase() && after.stageIndex() == status.stageIndex()) {
        return;
      }
    }
  }

  /**
   * The version the alias points at as far as this gate knows: its last rollout's baseline, unless
   * that rollout was promoted; asked of {@link CurrentAlias} only for a dataset without one. Lazy,
   * since only a start needs it.
   */
  private Supplier<Optional<String>> aliasNow(String dataset) {
    RolloutStatus status = state.status;
    if (status != null && status.candidateVersion() != null) {
      String version =
          status.phase() == Phase.PROMOTED ? status.candidateVersion() : status.baselineVersion();
      return () -> Optional.of(version);
    }
    return () -> currentAlias.of(dataset);
  }

  /**
   * Folds one event-time window's profiles (by version) into the active rollout's profiles and
   * judges the stage on them. Windows of versions outside the rollout are ignored, and so are
   * windows that ended before the rollout started: when the start was applied ahead of the
   * watermark, its rollout must not pool records that event-time order puts before it.
   */
  public void onWindow(
      Instant windowStart,
      Instant windowEnd,
      Map<String, DatasetProfile> profilesByVersion,
      GateOutput out) {
    Instant at = advanceClock(windowEnd);
    RolloutStatus status = state.status;
    if (status == null || !status.phase().active() || state.notResumable != null) {
      return;
    }
    if (state.evidenceComplete) {
      judgeCompleteEvidence(at, out);
      return;
    }
    if (state.rolloutStartedAt != null && !windowEnd.isAfter(state.rolloutStartedAt)) {
      return;
    }
    DatasetProfile candidate = profilesByVersion.get(status.candidateVersion());
    DatasetProfile baseline = profilesByVersion.get(status.baselineVersion());
    if (candidate == null && baseline == null) {
      return;
    }
    if (state.rolloutBaselineProfile == null) {
      state.rolloutCandidateProfile = null; // saved before pooling: see the class documentation
      state.windowBets = null;
    }
    restartEvidenceIfMisshapen(windowStart, out);
    if (state.rolloutWindowStart == null) {
      state.rolloutWindowStart = windowStart;
    }
    DatasetProfile rolloutCandidate =
        load(state.rolloutCandidateProfile, status.candidateVersion());
    DatasetProfile rolloutBaseline = load(state.rolloutBaselineProfile, status.baselineVersion());
    if (state.windowBets == null) {
      state.windowBets = WindowBets.none();
    }
    // Bet on the window before it joins the rollout's profiles: the stakes must not have seen it.
    state.windowBets.fold(contract, rolloutCandidate, rolloutBaseline, candidate, baseline);
    fold(rolloutCandidate, candidate);
    fold(rolloutBaseline, baseline);
    state.rolloutCandidateProfile = rolloutCandidate.toBytes();
    state.rolloutBaselineProfile = rolloutBaseline.toBytes();
    state.stageCandidateRecords += candidate == null ? 0 : candidate.records();
    state.stageBaselineRecords += baseline == null ? 0 : baseline.records();
    if (rolloutCandidate.records() == 0) {
      return;
    }
    DatasetProfile evidenceBaseline = baselineFor(status.baselineVersion(), rolloutBaseline);
    long stageBaseline =
        evidenceBaseline == rolloutBaseline
            ? state.stageBaselineRecords
            : evidenceBaseline.records();
    Evaluation evaluation =
        withOutcomes(
            DriftEvaluator.evaluate(
                contract,
                rolloutCandidate,
                evidenceBaseline,
                state.windowBets,
                state.rolloutWindowStart,
                windowEnd));
    out.add(evaluation);
    StageSamples stageSamples = new StageSamples(state.stageCandidateRecords, stageBaseline);
    apply(
        RolloutStateMachine.onEvaluation(
            status, evaluation, stageSamples, contract.preflightSamples(), at),
        at,
        out);
  }

  /**
   * Counts one event-time window of the consumers' outcomes in the active rollout's cohorts, by the
   * routing the gate published at each outcome's event time ({@link CohortAssigner}); outcomes of
   * metrics without a gate, from before the rollout started, or that no cohort holds (see {@code
   * docs/outcomes.md}) are left out. The outcome gates are judged with the data gates at the next
   * evaluation; a rollout whose evidence is complete is judged at once.
   *
   * @param outcomes in a deterministic order: a mean summed in another order may differ in its last
   *     bit
   */
  public void onOutcomes(
      Instant windowStart, Instant windowEnd, List<Outcome> outcomes, GateOutput out) {
    Instant at = advanceClock(windowEnd);
    RolloutStatus status = state.status;
    boolean judging = status != null && status.phase().active() && state.notResumable == null;
    RoutingHistory history =
        state.routingHistory == null ? RoutingHistory.EMPTY : state.routingHistory;
    OutcomeDistributions.Window window = new OutcomeDistributions.Window();
    for (Outcome outcome : outcomes) {
      OutcomeGate gate = contract.outcomeGate(outcome.metric()).orElse(null);
      if (gate == null) {
        out.addUnjudged();
        continue;
      }
      // Only a ks gate bets on the window's values; the others need the moments alone.
      boolean distribution = gate.test() == OutcomeTest.KS;
      if (!judging) {
        out.addUncounted(Exclusion.NO_ROLLOUT);
        continue;
      }
      if (state.rolloutStartedAt != null
          && outcome.eventTimeMillis() < state.rolloutStartedAt.toEpochMilli()) {
        out.addUncounted(Exclusion.BEFORE_ROLLOUT); // another rollout's routing
        continue;
      }
      Assignment assignment = CohortAssigner.assign(history, outcomeSettings.grace(), outcome);
      if (assignment instanceof Assignment.Exposed exposed) {
        observations().add(outcome.metric(), exposed.stageIndex(), true, outcome.value());
        if (distribution) {
          window.add(outcome.metric(), exposed.stageIndex(), true, outcome.value());
        }
        out.addCounted();
      } else if (assignment instanceof Assignment.Control control) {
        observations().add(outcome.metric(), control.stageIndex(), false, outcome.value());
        if (distribution) {
          window.add(outcome.metric(), control.stageIndex(), false, outcome.value());
        }
        out.addCounted();
      } else {
        out.addUncounted(((Assignment.Excluded) assignment).reason());
      }
      if (assignment.versionMismatch()) {
        out.addVersionMismatch();
      }
    }
    if (!window.isEmpty()) {
      distributions().fold(contract.outcomes(), window);
    }
    if (judging && state.evidenceComplete) {
      judgeCompleteEvidence(at, out);
    }
  }

  private CohortObservations observations() {
    if (state.outcomes == null) {
      state.outcomes = new CohortObservations();
    }
    return state.outcomes;
  }

  private OutcomeDistributions distributions() {
    if (state.outcomeDistributions == null) {
      state.outcomeDistributions = new OutcomeDistributions();
    }
    return state.outcomeDistributions;
  }

  /**
   * The data gates' evaluation with the outcome gates' results after them: one evaluation, one
   * budget, judged by the same rules.
   */
  private Evaluation withOutcomes(Evaluation evaluation) {
    if (contract.outcomes().isEmpty()) {
      return evaluation;
    }
    List<GateResult> results = new ArrayList<>(evaluation.results());
    double alpha = AlphaBudget.perGate(contract);
    CohortObservations observations =
        state.outcomes == null ? new CohortObservations() : state.outcomes;
    OutcomeDistributions distributions =
        state.outcomeDistributions == null
            ? new OutcomeDistributions()
            : state.outcomeDistributions;
    for (OutcomeGate gate : contract.outcomes()) {
      results.add(
          gate.test() == OutcomeTest.KS
              ? OutcomeJudge.judgeDistribution(
                  gate,
                  distributions.of(gate.metric()),
                  distributions.bets().logEValue(gate.name()),
                  observations.strata(gate.metric()),
                  alpha,
                  evaluation.windowStart(),
                  evaluation.windowEnd())
              : OutcomeJudge.judge(
                  gate,
                  observations.strata(gate.metric()),
                  alpha,
                  evaluation.windowStart(),
                  evaluation.windowEnd()));
    }
    return evaluation.withResults(results);
  }

  /**
   * Moves the gate's clock to {@code eventTime} unless it is already later, and returns it: what
   * the input's decisions are dated. In event-time order the clock never runs ahead of an input; it
   * does after a command applied ahead of the watermark, and then the inputs that event time put
   * before that command are dated after it, as they are decided after it.
   */
  private Instant advanceClock(Instant eventTime) {
    if (state.clock == null || eventTime.isAfter(state.clock)) {
      state.clock = eventTime;
    }
    return state.clock;
  }

  /**
   * Throws away the rollout's evidence, and the reference profile, when they were built for another
   * contract or other profile settings (an upgrade from a savepoint that added or removed a field):
   * they can be neither merged with this window's profiles nor judged by this contract. Restarting
   * is the only honest choice — the records already seen were checked against the old contract —
   * and the decision says what changed. A restart loop on every restore is the alternative.
   */
  private void restartEvidenceIfMisshapen(Instant at, GateOutput out) {
    ProfileShape expected = ProfileShape.of(contract, settings);
    List<String> changes = new ArrayList<>();
    if (state.rolloutCandidateProfile != null) {
      ProfileShape held = DatasetProfile.fromBytes(state.rolloutCandidateProfile).shape();
      if (!held.equals(expected)) {
        changes.add(expected.changesSince(held));
        state.rolloutWindowStart = null;
        state.rolloutCandidateProfile = null;
        state.rolloutBaselineProfile = null;
        state.windowBets = null;
        state.stageCandidateRecords = 0;
        state.stageBaselineRecords = 0;
      }
    }
    if (state.referenceProfile != null
        && !DatasetProfile.fromBytes(state.referenceProfile).shape().equals(expected)) {
      changes.add("the reference profile of " + state.referenceVersion + " is dropped");
      state.referenceVersion = null;
      state.referenceProfile = null;
    }
    if (!changes.isEmpty()) {
      apply(
          RolloutStateMachine.onEvidenceRestarted(
              state.status, "the contract changed: " + String.join("; ", changes), at),
          at,
          out);
    }
  }

  /**
   * The live baseline when it spoke in this rollout, else the reference saved at its promotion: a
   * fixed sample of the same version, so the baseline is unchanged either way.
   */
  private DatasetProfile baselineFor(String version, DatasetProfile live) {
    if (live.records() > 0 || !version.equals(state.referenceVersion)) {
      return live;
    }
    return DatasetProfile.fromBytes(state.referenceProfile);
  }

  private DatasetProfile load(byte[] accumulated, String version) {
    return accumulated == null
        ? DatasetProfile.forContract(contract, version, settings)
        : DatasetProfile.fromBytes(accumulated);
  }

  private static void fold(DatasetProfile rollout, DatasetProfile window) {
    if (window != null) {
      rollout.merge(window);
    }
  }

  private void apply(Transition transition, Instant at, GateOutput out) {
    RolloutStatus before = state.status;
    RolloutStatus after = transition.next();
    state.status = after;
    transition.decisions().forEach(out::add);
    if (after == null) {
      return;
    }
    boolean promotedNow =
        after.phase() == Phase.PROMOTED && (before == null || before.phase() != Phase.PROMOTED);
    if (promotedNow && state.rolloutCandidateProfile != null) {
      state.referenceVersion = after.candidateVersion();
      state.referenceProfile = state.rolloutCandidateProfile;
    }
    boolean preflightEnded = before != null && before.inPreflight() && !after.inPreflight();
    if (!Objects.equals(state.stageCandidate, after.candidateVersion())
        || state.stageIndex != after.stageIndex()
        || preflightEnded
        || after.phase().terminal()) {
      restartStage(after);
    }
    if (after.phase().active() && state.notResumable != null) {
      return; // consumers keep the routing row the database holds until the rollout ends
    }
    state.notResumable = null;
    RoutingEntry routing = routingOf(after);
    if (routing != null && !routing.equals(state.routing)) {
      state.routing = routing;
      RoutingUpdate update = new RoutingUpdate(routing, after.decisionSequence(), at);
      out.add(update);
      remember(update);
    }
  }

  /** Keeps a published routing row, for the outcomes of its time to be assigned by. */
  void remember(RoutingUpdate update) {
    RoutingHistory history =
        state.routingHistory == null ? RoutingHistory.EMPTY : state.routingHistory;
    state.routingHistory = history.with(update, outcomeSettings.routingRetention());
  }

  /**
   * Starts a stage's counts; the rollout's evidence restarts only with another candidate or when
   * the rollout has ended.
   */
  private void restartStage(RolloutStatus after) {
    if (!Objects.equals(state.stageCandidate, after.candidateVersion())
        || after.phase().terminal()) {
      state.rolloutWindowStart = null;
      state.rolloutCandidateProfile = null;
      state.rolloutBaselineProfile = null;
      state.windowBets = null;
      state.evidenceComplete = false;
      state.outcomes = null;
      state.outcomeDistributions = null;
    }
    state.stageCandidate = after.candidateVersion();
    state.stageIndex = after.stageIndex();
    state.stageCandidateRecords = 0;
    state.stageBaselineRecords = 0;
  }

  /** The cohort hash salt of a rollout's routing rows: one per candidate of the dataset. */
  static String saltOf(RolloutStatus status) {
    return status.dataset() + "/" + status.candidateVersion();
  }

  /**
   * The routing row a status implies: the candidate at its exposure while the rollout is active;
   * after it ends, everyone on the version the alias now names.
   */
  static RoutingEntry routingOf(RolloutStatus status) {
    if (status.phase() == Phase.PENDING) {
      return null;
    }
    String salt = saltOf(status);
    return switch (status.phase()) {
      case PREFLIGHT, STAGE, AWAITING_APPROVAL, PAUSED ->
          new RoutingEntry(
              status.dataset(),
              status.baselineVersion(),
              status.candidateVersion(),
              status.exposureBasisPoints(),
              salt,
              status.stageIndex());
      case PROMOTED ->
          new RoutingEntry(
              status.dataset(), status.candidateVersion(), null, 0, salt, RoutingEntry.NO_STAGE);
      case ROLLED_BACK, ABORTED ->
          new RoutingEntry(
              status.dataset(), status.baselineVersion(), null, 0, salt, RoutingEntry.NO_STAGE);
      case PENDING -> throw new IllegalStateException("unreachable");
    };
  }
}
