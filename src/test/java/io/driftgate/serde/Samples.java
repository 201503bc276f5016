package io.driftgate.serde;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Moments;
import io.driftgate.drift.Verdict;
import io.driftgate.drift.WindowBets;
import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateSnapshot;
import io.driftgate.gate.GateState;
import io.driftgate.gate.NotResumable;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.job.ControlRecord;
import io.driftgate.job.GateInput;
import io.driftgate.job.RolloutController.PendingInputs;
import io.driftgate.job.SourceRecord;
import io.driftgate.job.WindowProfile;
import io.driftgate.outcome.CohortObservations;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeDistributions;
import io.driftgate.outcome.RoutingHistory;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.rollout.AbandonedCandidates;
import io.driftgate.rollout.AdvanceApprovals;
import io.driftgate.rollout.BreachStreaks;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.Preflight;
import io.driftgate.rollout.RejectReason;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.store.VersionLocation;
import io.driftgate.wire.ControlSignature;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.Rejection;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Realistic values of every type the job serializes, all deterministic: the gate's values come from
 * a rollout run through {@link DatasetGate} on seeded records, the rest are written out to reach
 * the corners (nulls, NaN with a payload, negative zero, instants with nanoseconds, every command
 * and reason family). The golden files under {@code src/test/resources/serde/} hold these values.
 */
final class Samples {

  static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  static final String DATASET = "it.features";
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant WITH_NANOS = Instant.parse("2026-03-02T09:07:30.123456789Z");
  static final double NAN_WITH_PAYLOAD = Double.longBitsToDouble(0x7ff8_0000_0000_0123L);

  /**
   * Stands for a profile's bytes where they are opaque to the format under test, so that the golden
   * files do not change with the profile's own format.
   */
  static final byte[] PROFILE_BYTES = {0x44, 0x50, 0x01, 0x00, 0x7f, (byte) 0x80, (byte) 0xff};

  /** The gate and everything it produced on its way there: a rollout paused in stage 0. */
  record Run(
      GateState state,
      List<Decision> decisions,
      List<Evaluation> evaluations,
      List<RoutingUpdate> routing) {}

  private Samples() {}

  /**
   * Start v2 against v1 on the contract's plan, approve stage 1 ahead, two windows of both
   * versions, pause: the state holds a plan, an advance approval, rollout profiles, window bets, a
   * routing row, command ids and a clock.
   */
  static Run run() {
    DatasetGate gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
    GateOutput out = new GateOutput();
    gate.onCommand(new Command.Start("start-v2", DATASET, "bot", minute(0), "v2", "v1", null), out);
    gate.onCommand(new Command.Approve("approve-1", DATASET, "alice", minute(0), 1), out);
    for (int m = 0; m < 2; m++) {
      gate.onWindow(
          minute(m), minute(m + 1), Map.of("v1", window("v1", m), "v2", window("v2", m)), out);
    }
    gate.onCommand(new Command.Pause("pause-1", DATASET, "alice", minute(2)), out);
    return new Run(
        gate.state(),
        List.copyOf(out.decisions()),
        List.copyOf(out.evaluations()),
        List.copyOf(out.routing()));
  }

  static DatasetProfile window(String version, int minute) {
    DatasetProfile profile =
        DatasetProfile.forContract(CONTRACT, version, ProfileSettings.DEFAULTS);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    SplittableRandom random = new SplittableRandom(version.hashCode() * 31L + minute);
    for (int r = 0; r < 40; r++) {
      long eventTime = minute(minute).toEpochMilli() + r * 1_500L;
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", version + "-" + minute + "-" + r);
      fields.put("x", random.nextGaussian() + ("v2".equals(version) ? 0.05 : 0));
      fields.put("seg", new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
      fields.put("y", r % 10 == 0 ? null : random.nextDouble());
      profiler.observe(profile, fields, eventTime, eventTime + 500);
    }
    return profile;
  }

  static List<GateState> gateStates() {
    return List.of(handMadeState(), new GateState());
  }

  /** Every field set, with the corners the run does not reach. */
  static GateState handMadeState() {
    TreeMap<String, double[]> bets = new TreeMap<>();
    bets.put("drift:x", new double[] {NAN_WITH_PAYLOAD, -0.0, Double.POSITIVE_INFINITY, 1e-300, 2});
    bets.put("violation_rate", new double[] {0.25, -1.5, 0, 0, Double.MIN_VALUE});
    return GateState.restored(
        new GateState.Saved(
            handMadeStatus(),
            "v2",
            1,
            5_000,
            7_000,
            WITH_NANOS,
            PROFILE_BYTES,
            new byte[0],
            WindowBets.of(bets),
            "v1",
            PROFILE_BYTES,
            new RoutingEntry(DATASET, "v1", "v2", 5_000, "it.features/v2", 1),
            List.of("start-v2", "approve-1", "pause-1"),
            WITH_NANOS.minusNanos(1),
            WITH_NANOS.plusSeconds(60),
            new NotResumable(storedRollout(), "the stored plan has no stage 3"),
            "bot",
            true,
            routingHistories().get(0),
            List.of(
                new CohortObservations.Cell(
                    "model_score",
                    0,
                    new Moments(4_000, 0.4898, 40.1),
                    new Moments(16_000, 0.5, NAN_WITH_PAYLOAD)),
                new CohortObservations.Cell(
                    "model_score", 1, new Moments(1, -0.0, 0), Moments.NONE)),
            outcomeDistributions()));
  }

  /** A ks gate's values, one cohort exact and one binned, with its bets. */
  private static OutcomeDistributions outcomeDistributions() {
    NumericSummary exposed = new NumericSummary(OutcomeDistributions.SETTINGS);
    for (double value : new double[] {1.5, 1.5, -0.0, 1e300, -7}) {
      exposed.add(value);
    }
    NumericSummary control = new NumericSummary(OutcomeDistributions.SETTINGS);
    for (int i = 0; i < 3_000; i++) {
      control.add(i * 0.37);
    }
    TreeMap<String, double[]> bets = new TreeMap<>();
    bets.put("outcome:latency_ms", new double[] {0.5, -0.0, 3, 1e-300, NAN_WITH_PAYLOAD});
    return OutcomeDistributions.of(
        List.of(new OutcomeDistributions.Distribution("latency_ms", exposed, control)),
        WindowBets.of(bets));
  }

  /** The state as format version 4 held it: no outcome distributions. */
  static GateState asVersionFour(GateState state) {
    GateState.Saved s = state.saved();
    return with(
        state,
        s.notResumable(),
        s.rolloutStartedBy(),
        s.evidenceComplete(),
        s.routingHistory(),
        s.outcomes());
  }

  /** The state as format version 3 held it: no routing history, no outcome observations. */
  static GateState asVersionThree(GateState state) {
    GateState.Saved s = state.saved();
    return with(
        state,
        s.notResumable(),
        s.rolloutStartedBy(),
        s.evidenceComplete(),
        RoutingHistory.EMPTY,
        List.of());
  }

  /** The state as format version 2 held it: no preflight, so evidence never complete. */
  static GateState asVersionTwo(GateState state) {
    return with(
        state,
        state.saved().notResumable(),
        state.saved().rolloutStartedBy(),
        false,
        RoutingHistory.EMPTY,
        List.of());
  }

  /** The state as format version 1 held it: without the rollout's starter. */
  static GateState asVersionOne(GateState state) {
    return with(state, state.saved().notResumable(), null, false, RoutingHistory.EMPTY, List.of());
  }

  /** The state as the last Java-serializing release held it: no recovery hold, no starter. */
  static GateState asLegacy(GateState state) {
    return with(state, null, null, false, RoutingHistory.EMPTY, List.of());
  }

  /** The state with what a format version before 5 held, and no outcome distributions. */
  private static GateState with(
      GateState state,
      NotResumable hold,
      String startedBy,
      boolean evidenceComplete,
      RoutingHistory routingHistory,
      List<CohortObservations.Cell> outcomes) {
    GateState.Saved s = state.saved();
    return GateState.restored(
        new GateState.Saved(
            s.status(),
            s.stageCandidate(),
            s.stageIndex(),
            s.stageCandidateRecords(),
            s.stageBaselineRecords(),
            s.rolloutWindowStart(),
            s.rolloutCandidateProfile(),
            s.rolloutBaselineProfile(),
            s.windowBets(),
            s.referenceVersion(),
            s.referenceProfile(),
            s.routing(),
            s.recentCommandIds(),
            s.rolloutStartedAt(),
            s.clock(),
            hold,
            startedBy,
            evidenceComplete,
            routingHistory,
            outcomes,
            null));
  }

  /** A rollout as the database stores it: phase and plan as text. */
  static GateSnapshot.Rollout storedRollout() {
    return new GateSnapshot.Rollout(
        "STAGE",
        "start-v2",
        "v2",
        "v1",
        "{\"stages\":[{\"exposure\":10}]}",
        2,
        WITH_NANOS,
        null,
        1_000,
        "it.features/v2",
        T0);
  }

  static List<GateSnapshot> gateSnapshots() {
    return List.of(
        new GateSnapshot(
            DATASET,
            42,
            "v1",
            PROFILE_BYTES,
            List.of("v0", "v9"),
            List.of("start-v2", "pause-1"),
            storedRollout(),
            WITH_NANOS),
        new GateSnapshot(
            DATASET, 1, null, null, List.of(), List.of(), GateSnapshot.Rollout.NONE, T0));
  }

  static RolloutStatus handMadeStatus() {
    Map<String, Integer> streaks = new LinkedHashMap<>();
    streaks.put("violation_rate", 1);
    streaks.put("drift:x", 2);
    streaks.put("null_rate:y", 3);
    return new RolloutStatus(
        DATASET,
        "v2",
        "v1",
        plan(),
        Phase.PAUSED,
        1,
        WITH_NANOS,
        Phase.AWAITING_APPROVAL,
        1_000,
        new BreachStreaks(streaks),
        HoldReason.DEADLINE_PASSED,
        true,
        42,
        new AbandonedCandidates(List.of("v0", "v0.1")),
        new AdvanceApprovals(
            List.of(new Command.Approve("approve-2", DATASET, "alice", WITH_NANOS, 2))),
        "start-v2");
  }

  static RolloutPlan plan() {
    return new RolloutPlan(
        List.of(
            new Stage(100, Duration.ofSeconds(90, 500), 200, false),
            new Stage(5_000, Duration.ZERO, 0, true, Duration.ofHours(2)),
            new Stage(10_000, null, 1, false)),
        3,
        DeadlineAction.ROLLBACK);
  }

  static List<RolloutPlan> plans() {
    return List.of(plan(), CONTRACT.plan());
  }

  static List<Command> commands() {
    List<Command> commands = new ArrayList<>(commandsV1());
    commands.add(
        new Command.Start(
            "c-8",
            DATASET,
            "alice",
            T0,
            "v4",
            "v3",
            null,
            "s3://lake/features/v4/",
            new Preflight(
                "parquet:/lake/features/v4",
                "parquet:/lake/features/v3",
                PROFILE_BYTES,
                new byte[0],
                3,
                0)));
    commands.add(
        new Command.Start(
            "c-9",
            DATASET,
            "alice",
            T0,
            "v5",
            "v4",
            plan(),
            null,
            new Preflight(
                "jdbc:postgresql://db/lake#features_v5", null, PROFILE_BYTES, null, 0, 0)));
    return List.copyOf(commands);
  }

  /** The commands format version 1 held: starts without location or preflight. */
  static List<Command> commandsV1() {
    return List.of(
        new Command.Start("c-1", DATASET, "bot", T0, "v2", "v1", null),
        new Command.Start("c-2", DATASET, "bot", WITH_NANOS, "v3", "v2", plan()),
        new Command.Approve("c-3", DATASET, "alice", T0, 1),
        new Command.Pause("c-4", DATASET, "alice", T0),
        new Command.Resume("c-5", DATASET, "alice", T0),
        new Command.Abort("c-6", DATASET, "ops", T0, "superseded by v4"),
        new Command.ManualRollback("c-7", DATASET, "ops", null, "incident \uD83D\uDD25 INC-12"));
  }

  /** The decisions of v1, and a rollback on an outcome gate, whose evidence has means (v2). */
  static List<Decision> decisions() {
    List<Decision> decisions = new ArrayList<>(decisionsV1());
    decisions.add(
        new Decision(
            UUID.fromString("00000000-0000-0000-0000-000000000002"),
            10,
            DATASET,
            "v2",
            "v1",
            DecisionKind.ROLLED_BACK,
            Phase.STAGE,
            Phase.ROLLED_BACK,
            0,
            0,
            true,
            RollbackReason.CRITICAL_BREACH,
            "outcome:model_score breached",
            List.of(outcomeResult()),
            Decision.AUTOMATIC,
            T0));
    return List.copyOf(decisions);
  }

  static List<Decision> decisionsV1() {
    List<Decision> decisions = new ArrayList<>();
    decisions.add(
        new Decision(
            null,
            7,
            DATASET,
            null,
            null,
            DecisionKind.REJECTED,
            Phase.PENDING,
            Phase.PENDING,
            -1,
            0,
            false,
            RejectReason.NO_ROLLOUT,
            "no rollout to pause",
            List.of(),
            "alice",
            WITH_NANOS));
    decisions.add(
        new Decision(
            UUID.fromString("6f1c9d3e-2b7a-4c1e-9a5f-0d8e7c6b5a49"),
            8,
            DATASET,
            "v2",
            "v1",
            DecisionKind.ROLLED_BACK,
            Phase.STAGE,
            Phase.ROLLED_BACK,
            1,
            0,
            true,
            RollbackReason.CRITICAL_BREACH,
            "violation_rate breached",
            List.of(gateResult()),
            Decision.AUTOMATIC,
            T0));
    decisions.add(
        new Decision(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            9,
            DATASET,
            "v2",
            "v1",
            DecisionKind.HELD,
            Phase.STAGE,
            Phase.STAGE,
            0,
            100,
            false,
            null,
            null,
            List.of(),
            null,
            null));
    return List.copyOf(decisions);
  }

  static GateResult gateResult() {
    return new GateResult(
        "violation_rate",
        null,
        Verdict.BREACH,
        true,
        new Evidence(
            "rate-e-process",
            0.125,
            0.05,
            -0.0,
            1e-9,
            NAN_WITH_PAYLOAD,
            Double.NEGATIVE_INFINITY,
            0.005,
            600,
            0,
            T0,
            WITH_NANOS));
  }

  /** An outcome gate's result: its evidence carries both cohorts' means. */
  static GateResult outcomeResult() {
    return new GateResult(
        "outcome:model_score",
        null,
        Verdict.BREACH,
        true,
        new Evidence(
            "mean-difference-msprt",
            -0.0102,
            0.01,
            0.004,
            2.5e-7,
            1e-12,
            0.0,
            0.0005,
            4_000,
            16_000,
            T0,
            WITH_NANOS,
            0.4898,
            0.5));
  }

  static List<Evaluation> evaluations() {
    List<Evaluation> evaluations = new ArrayList<>(evaluationsV1());
    evaluations.add(
        new Evaluation(DATASET, "v2", "v1", T0, WITH_NANOS, 600, 600, List.of(outcomeResult())));
    return List.copyOf(evaluations);
  }

  static List<Evaluation> evaluationsV1() {
    return List.of(
        new Evaluation(
            DATASET,
            "v2",
            "v1",
            T0,
            WITH_NANOS,
            600,
            0,
            List.of(gateResult(), new GateResult("drift:x", "x", Verdict.NO_DATA, false, null))));
  }

  static List<RoutingUpdate> routingUpdates() {
    return List.of(
        new RoutingUpdate(new RoutingEntry(DATASET, "v1", "v2", 1_000, "it.features/v2", 0), 1, T0),
        new RoutingUpdate(
            new RoutingEntry(DATASET, "v1", null, 0, "it.features/v2", RoutingEntry.NO_STAGE),
            Long.MAX_VALUE,
            WITH_NANOS));
  }

  static List<WindowProfile> windowProfiles() {
    return List.of(
        new WindowProfile(
            DATASET, "v2", minute(0).toEpochMilli(), minute(1).toEpochMilli(), PROFILE_BYTES),
        new WindowProfile(DATASET, "v1", Long.MIN_VALUE, Long.MAX_VALUE, new byte[0]));
  }

  /** The inputs of version 2, and an outcome window (version 3). */
  static List<GateInput> gateInputs() {
    List<GateInput> inputs = new ArrayList<>(gateInputsV2());
    inputs.add(
        new GateInput.Outcomes(
            DATASET, minute(0).toEpochMilli(), minute(1).toEpochMilli(), outcomes()));
    inputs.add(new GateInput.Outcomes(DATASET, 0, 60_000, List.of()));
    return List.copyOf(inputs);
  }

  static List<GateInput> gateInputsV2() {
    return gateInputs(commands());
  }

  /** The inputs format version 1 held: its commands. */
  static List<GateInput> gateInputsV1() {
    return gateInputs(commandsV1());
  }

  private static List<GateInput> gateInputs(List<Command> commands) {
    List<GateInput> inputs = new ArrayList<>();
    windowProfiles().forEach(profile -> inputs.add(new GateInput.Window(profile)));
    commands.forEach(command -> inputs.add(new GateInput.Control(command)));
    return List.copyOf(inputs);
  }

  static List<PendingInputs> pendingInputs() {
    return pendingInputs(gateInputs());
  }

  static List<PendingInputs> pendingInputsV2() {
    return pendingInputs(gateInputsV2());
  }

  /** The pending inputs format version 1 (and the Java-serializing release) held. */
  static List<PendingInputs> pendingInputsV1() {
    return pendingInputs(gateInputsV1());
  }

  private static List<PendingInputs> pendingInputs(List<GateInput> inputs) {
    return List.of(
        new PendingInputs(inputs, 1_772_442_002_000L),
        new PendingInputs(List.of(inputs.get(0)), null),
        new PendingInputs(List.of(), null));
  }

  static List<DeadLetter> deadLetters() {
    return List.of(
        new DeadLetter(
            io.driftgate.wire.RejectReason.CONTRACT_VIOLATION,
            "field 'seg': 'd' is not one of [a, b, c]",
            "records-3@1042",
            "{\"dataset\":\"it.features\"}".getBytes(StandardCharsets.UTF_8),
            1_772_442_000_123L),
        new DeadLetter(io.driftgate.wire.RejectReason.MALFORMED_JSON, "", "demo@1", null, 0));
  }

  /** Version 2 added the signature: the version-1 records, then a signed one. */
  static List<ControlRecord> controlRecords() {
    List<ControlRecord> records = new ArrayList<>(controlRecordsV1());
    records.add(
        new ControlRecord(
            commands().get(2),
            new ControlSignature("alice-3f2a9c01b7d4", "c2lnbmF0dXJl"),
            null,
            "{\"command\":\"pause\"}".getBytes(StandardCharsets.UTF_8),
            "control-1@3",
            1_772_442_000_500L));
    return records;
  }

  /** The records version 1's golden file holds; it had no signatures. */
  static List<ControlRecord> controlRecordsV1() {
    return List.of(
        new ControlRecord(
            commands().get(1),
            null,
            null,
            "{\"command\":\"start\"}".getBytes(StandardCharsets.UTF_8),
            "control-0@7",
            1_772_442_000_000L),
        new ControlRecord(
            null, null, "unknown command 'jump'", new byte[] {1, 2}, "control-0@8", 5));
  }

  static List<VersionLocation> versionLocations() {
    return List.of(
        new VersionLocation(DATASET, "v4", "s3://lake/features/v4/", "alice", WITH_NANOS),
        new VersionLocation(
            DATASET, "v5", "iceberg:lake.features@snapshot=8123 \uD83D\uDD25", "ops", T0));
  }

  static List<Outcome> outcomes() {
    return List.of(
        Outcome.of(DATASET, "checkout.converted", "consumer-17", true, T0.toEpochMilli(), "v2"),
        Outcome.of(DATASET, "latency_ms", "k\u00e9y-\uD83D\uDD25", -0.0, -86_400_000L, null),
        Outcome.of(DATASET, "amount", "42", Double.MIN_VALUE, Long.MAX_VALUE / 2, "v1"));
  }

  static List<RoutingHistory> routingHistories() {
    return List.of(
        RoutingHistory.EMPTY,
        new RoutingHistory(routingUpdates(), true),
        new RoutingHistory(routingUpdates().subList(1, 2), false));
  }

  static List<SourceRecord> sourceRecords() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("k", List.of(1, "two", 3.5));
    nested.put("empty", new LinkedHashMap<>());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", "v2-0-1");
    fields.put("x", -0.0);
    fields.put("count", 7);
    fields.put("big", 12_345_678_901L);
    fields.put("huge", new BigInteger("123456789012345678901234567890"));
    fields.put("flag", true);
    fields.put("off", false);
    fields.put("y", null);
    fields.put("nested", nested);
    return List.of(
        new SourceRecord(
            new ObservedRecord(DATASET, "v2", 1_772_442_000_000L, "user-17", fields),
            null,
            "{}".getBytes(StandardCharsets.UTF_8),
            "records",
            3,
            1042L,
            1_772_442_000_500L),
        new SourceRecord(
            null,
            new Rejection(io.driftgate.wire.RejectReason.NOT_AN_OBJECT, "top level is an array"),
            "[]".getBytes(StandardCharsets.UTF_8),
            "demo-generator@42",
            9));
  }

  /**
   * Values computed by the domain code (a rollout through the gate, real profiles): for round
   * trips, not for golden files, which must not change when a decision's wording or a profile's
   * format does.
   */
  static Map<Class<?>, List<?>> derived() {
    Run run = run();
    WindowProfile profile =
        new WindowProfile(
            DATASET,
            "v2",
            minute(0).toEpochMilli(),
            minute(1).toEpochMilli(),
            window("v2", 0).toBytes());
    return Map.of(
        GateState.class, List.of(run.state()),
        Decision.class, run.decisions(),
        Evaluation.class, run.evaluations(),
        RoutingUpdate.class, run.routing(),
        WindowProfile.class, List.of(profile),
        GateInput.class, List.of(new GateInput.Window(profile)),
        PendingInputs.class,
            List.of(new PendingInputs(List.of(new GateInput.Window(profile)), 5L)));
  }

  static Instant minute(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
