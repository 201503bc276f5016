package io.driftgate.store;

import static io.driftgate.store.StoreFixtures.BASELINE;
import static io.driftgate.store.StoreFixtures.CANDIDATE;
import static io.driftgate.store.StoreFixtures.DATASET;
import static io.driftgate.store.StoreFixtures.T0;
import static io.driftgate.store.StoreFixtures.WINDOW_END;
import static io.driftgate.store.StoreFixtures.WINDOW_START;
import static io.driftgate.store.StoreFixtures.breach;
import static io.driftgate.store.StoreFixtures.criticalBreach;
import static io.driftgate.store.StoreFixtures.evaluation;
import static io.driftgate.store.StoreFixtures.hold;
import static io.driftgate.store.StoreFixtures.outcomeBreach;
import static io.driftgate.store.StoreFixtures.pass;
import static io.driftgate.store.StoreFixtures.promotion;
import static io.driftgate.store.StoreFixtures.rollback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.contract.RolloutPlans;
import io.driftgate.gate.GateSnapshot;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import io.driftgate.wire.PlanJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stores' contract, run once per database by a subclass: the same migration and the same
 * statements must behave alike on the embedded demo database and on PostgreSQL.
 */
abstract class AbstractStoreTest {

  private static final Instant APPLIED = Instant.parse("2024-05-01T12:00:00Z");

  JdbcSettings settings;
  DecisionStore decisions;
  RoutingStore routing;
  DriftResultStore driftResults;
  StatusReader status;

  /** A fresh database with driftgate's schema. */
  abstract JdbcSettings freshDatabase();

  /** A fresh database without any table. */
  abstract JdbcSettings emptyDatabase();

  @BeforeEach
  void openDatabase() {
    settings = freshDatabase();
    decisions = new DecisionStore(settings, Clock.fixed(APPLIED, ZoneOffset.UTC));
    routing = new RoutingStore(settings);
    driftResults = new DriftResultStore(settings);
    status = new StatusReader(settings);
  }

  @AfterEach
  void releaseDatabase() {
    TestDatabases.release(settings);
  }

  @Test
  void migrationCreatesEveryTableAndIsIdempotent() throws SQLException {
    assertThat(Schema.migrate(settings)).isEqualTo("9");
    for (String table :
        List.of(
            "dataset_alias",
            "alias_history",
            "rollout_event",
            "cohort_routing",
            "drift_result",
            "decision_id_reuse",
            "gate_snapshot",
            "version_location",
            "dataset_alias_location",
            "cohort_routing_location")) {
      assertThat(count(table)).as(table).isZero();
    }
  }

  @Test
  void promotionMovesTheAliasAndRecordsHistoryAndAudit() throws SQLException {
    decisions.ensureAlias(DATASET, BASELINE, T0);
    Decision promoted = promotion(7);

    assertThat(decisions.apply(promoted)).isEqualTo(ApplyOutcome.APPLIED);

    AliasRow alias = status.aliases().get(0);
    assertThat(alias.version()).isEqualTo(CANDIDATE);
    assertThat(alias.generation()).isEqualTo(2);
    assertThat(alias.updatedAt()).isEqualTo(promoted.at());
    assertThat(alias.reason()).isEqualTo("GATES_PASSED");
    assertThat(alias.decisionId()).isEqualTo(promoted.decisionId().toString());

    HistoryRow history = status.history(DATASET).get(0);
    assertThat(history.fromVersion()).isEqualTo(BASELINE);
    assertThat(history.toVersion()).isEqualTo(CANDIDATE);
    assertThat(history.generation()).isEqualTo(2);
    assertThat(history.outcome()).isEqualTo(ApplyOutcome.APPLIED);
    assertThat(history.kind()).isEqualTo(DecisionKind.PROMOTED);
    assertThat(history.withdrawnVersion()).isNull();
    assertThat(history.movedFrom()).isEqualTo(BASELINE);
    assertThat(history.decidedAt()).isEqualTo(promoted.at());
    assertThat(history.appliedAt()).isEqualTo(APPLIED);
    assertThat(history.foundVersion()).isNull();

    EventRow event = status.events(DATASET, 10).get(0);
    assertThat(event.decisionId()).isEqualTo(promoted.decisionId().toString());
    assertThat(event.kind()).isEqualTo(DecisionKind.PROMOTED);
    assertThat(event.exposureBasisPoints()).isEqualTo(10_000);
    assertThat(event.decisive()).as("no gate breached").isNull();
    assertThat(event.recordedAt()).isEqualTo(APPLIED);
  }

  /**
   * A decision committed while {@code status} is part-way through its tables is either all there or
   * not at all: the walkthrough once showed a {@code PROMOTED} audit row beside the old alias.
   */
  @Test
  void aReadingAtOneMomentSeesADecisionWholeOrNotAtAll() throws SQLException {
    decisions.ensureAlias(DATASET, BASELINE, T0);
    Decision promoted = promotion(7);

    List<String> seen =
        status.atOneMoment(
            reader -> {
              String alias = reader.aliases().get(0).version();
              assertThat(decisions.apply(promoted)).isEqualTo(ApplyOutcome.APPLIED);
              return List.of(alias, String.valueOf(reader.events(DATASET, 10).size()));
            });

    assertThat(seen).containsExactly(BASELINE, "0");
    List<String> after =
        status.atOneMoment(
            reader ->
                List.of(
                    reader.aliases().get(0).version(),
                    reader.events(DATASET, 10).get(0).kind().name()));
    assertThat(after).containsExactly(CANDIDATE, "PROMOTED");
  }

  @Test
  void auditRowCarriesTheDecisiveEvidence() throws Exception {
    decisions.ensureAlias(DATASET, BASELINE, T0);
    Decision rolledBack =
        rollback(
            3,
            List.of(pass("drift:country"), breach("null_rate:age"), criticalBreach("drift:age")));

    assertThat(decisions.apply(rolledBack)).isEqualTo(ApplyOutcome.APPLIED);

    EventRow event = status.lastRollback(DATASET).orElseThrow();
    DecisiveEvidenceRow decisive = event.decisive();
    assertThat(decisive.gate()).as("critical beats the first breach").isEqualTo("drift:age");
    assertThat(decisive.method()).isEqualTo("ks-sketch");
    assertThat(decisive.statistic()).isEqualTo(0.2);
    assertThat(decisive.threshold()).isEqualTo(0.03);
    assertThat(decisive.pValue()).isCloseTo(0.0001, within(1e-15));
    assertThat(decisive.windowStart()).isEqualTo(WINDOW_START);
    assertThat(decisive.windowEnd()).isEqualTo(WINDOW_END);
    assertThat(decisive.candidateCount()).isEqualTo(20_000L);
    assertThat(decisive.baselineCount()).isEqualTo(19_000L);
    assertThat(event.reason()).isEqualTo("PERSISTENT_BREACH");
    assertThat(event.fromPhase()).isEqualTo(io.driftgate.rollout.Phase.STAGE);

    JsonNode evidence = new ObjectMapper().readTree(event.evidenceJson());
    assertThat(evidence).hasSize(3);
    assertThat(evidence.get(2).get("gate").asText()).isEqualTo("drift:age");
    assertThat(evidence.get(2).get("fixed_sample_p_value").isNull()).isTrue();
  }

  @Test
  void firstBreachIsDecisiveWithoutACriticalOne() throws SQLException {
    decisions.apply(rollback(3, List.of(pass("drift:country"), breach("null_rate:age"))));

    assertThat(status.lastRollback(DATASET).orElseThrow().decisive().gate())
        .isEqualTo("null_rate:age");
  }

  @Test
  void replayingADecisionAppliesNothingTwice() throws SQLException {
    decisions.ensureAlias(DATASET, BASELINE, T0);
    Decision promoted = promotion(7);
    Decision held = hold(6);
    decisions.apply(held);
    decisions.apply(promoted);

    assertThat(decisions.apply(promoted)).isEqualTo(ApplyOutcome.ALREADY_APPLIED);
    assertThat(decisions.apply(held)).isEqualTo(ApplyOutcome.ALREADY_APPLIED);

    assertThat(count("rollout_event")).isEqualTo(2);
    assertThat(count("alias_history")).isEqualTo(1);
    assertThat(status.aliases().get(0).generation()).isEqualTo(2);
    assertThat(status.aliases().get(0).version()).isEqualTo(CANDIDATE);
  }

  @Test
  void decisionsThatDoNotTouchTheAliasAreOnlyRecorded() throws SQLException {
    decisions.ensureAlias(DATASET, BASELINE, T0);

    assertThat(decisions.apply(hold(2))).isEqualTo(ApplyOutcome.RECORDED);

    assertThat(count("rollout_event")).isEqualTo(1);
    assertThat(count("alias_history")).isZero();
    assertThat(status.aliases().get(0).generation()).isEqualTo(1);
  }

  @Test
  void rollbackKeepsAnAliasOnTheBaseline() throws SQLException {
    decisions.ensureAlias(DATASET, BASELINE, T0);

    assertThat(decisions.apply(rollback(3, List.of(criticalBreach("drift:age")))))
        .isEqualTo(ApplyOutcome.APPLIED);

    AliasRow alias = status.aliases().get(0);
    assertThat(alias.version()).isEqualTo(BASELINE);
    assertThat(alias.generation()).isEqualTo(2);
    assertThat(alias.reason()).isEqualTo("PERSISTENT_BREACH");
    HistoryRow history = status.history(DATASET).get(0);
    assertThat(history.fromVersion()).as("the alias before").isEqualTo(BASELINE);
    assertThat(history.toVersion()).isEqualTo(BASELINE);
    assertThat(history.withdrawnVersion()).isEqualTo(CANDIDATE);
    assertThat(history.movedFrom()).as("ROLLED_BACK v2 -> v1, not v1 -> v1").isEqualTo(CANDIDATE);
  }

  @Test
  void theMigrationNamesTheCandidateOfRollbacksRecordedBeforeIt() throws SQLException {
    JdbcSettings old = emptyDatabase();
    try {
      migrateTo(old, "1");
      try (Connection connection = old.connect()) {
        insertAsVersionOneDid(connection, "d-rollback", "ROLLED_BACK");
        insertAsVersionOneDid(connection, "d-promotion", "PROMOTED");
      }

      assertThat(Schema.migrate(old)).isEqualTo("9");

      assertThat(new StatusReader(old).history(DATASET))
          .extracting(HistoryRow::kind, HistoryRow::withdrawnVersion, HistoryRow::movedFrom)
          .containsExactly(
              tuple(DecisionKind.ROLLED_BACK, CANDIDATE, CANDIDATE),
              tuple(DecisionKind.PROMOTED, null, BASELINE));
    } finally {
      TestDatabases.release(old);
    }
  }

  private static void migrateTo(JdbcSettings database, String version) {
    Flyway.configure(Schema.class.getClassLoader())
        .dataSource(database.url(), database.user(), database.password())
        .locations(Schema.LOCATION)
        .target(version)
        .load()
        .migrate();
  }

  private String fingerprintOf(Decision decision) throws SQLException {
    try (Connection connection = settings.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT fingerprint FROM rollout_event WHERE decision_id = ?")) {
      statement.setString(1, decision.decisionId().toString());
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  /** An audit row and an alias history row for one decision, in version 1's columns. */
  private static void insertAsVersionOneDid(Connection connection, String decisionId, String kind)
      throws SQLException {
    try (PreparedStatement event =
        connection.prepareStatement(
            "INSERT INTO rollout_event (decision_id, sequence, dataset, candidate_version,"
                + " baseline_version, kind, from_phase, to_phase, stage_index, exposure_bp,"
                + " routing_changed, reason, actor, decided_at, evidence, recorded_at)"
                + " VALUES (?, 1, ?, ?, ?, ?, 'STAGE', ?, 0, 0, TRUE, 'MANUAL', 'ada', ?, '[]', ?)")) {
      event.setString(1, decisionId);
      event.setString(2, DATASET);
      event.setString(3, CANDIDATE);
      event.setString(4, BASELINE);
      event.setString(5, kind);
      event.setString(6, kind);
      Columns.setInstant(event, 7, T0);
      Columns.setInstant(event, 8, T0);
      event.executeUpdate();
    }
    try (PreparedStatement history =
        connection.prepareStatement(
            "INSERT INTO alias_history (dataset, from_version, to_version, generation,"
                + " decision_id, kind, reason, actor, decided_at, applied_at, outcome)"
                + " VALUES (?, ?, ?, 2, ?, ?, 'MANUAL', 'ada', ?, ?, 'APPLIED')")) {
      history.setString(1, DATASET);
      history.setString(2, BASELINE);
      history.setString(3, kind.equals("PROMOTED") ? CANDIDATE : BASELINE);
      history.setString(4, decisionId);
      history.setString(5, kind);
      Columns.setInstant(history, 6, T0);
      Columns.setInstant(history, 7, T0);
      history.executeUpdate();
    }
  }

  /**
   * The forged pair of issue 11: a start with the alias's version as candidate and another as
   * baseline, then a rollback. The alias holds the "candidate": a rollback may only leave an alias
   * on the baseline it found, never move it there.
   */
  @Test
  void aRollbackNeverMovesAnAliasThatHoldsTheCandidate() throws SQLException {
    decisions.ensureAlias(DATASET, CANDIDATE, T0);

    assertThat(decisions.apply(rollback(9, List.of(breach("drift:age")))))
        .isEqualTo(ApplyOutcome.CONFLICT);

    assertThat(status.aliases().get(0).version()).isEqualTo(CANDIDATE);
    HistoryRow history = status.history(DATASET).get(0);
    assertThat(history.outcome()).isEqualTo(ApplyOutcome.CONFLICT);
    assertThat(history.foundVersion()).isEqualTo(CANDIDATE);
  }

  @Test
  void theStarterOfACandidatesLatestRolloutIsReadFromTheAuditLog() throws SQLException {
    assertThat(decisions.starter(DATASET, CANDIDATE)).isEmpty();
    decisions.apply(
        StoreFixtures.decision(
            1,
            DecisionKind.STARTED,
            Phase.PENDING,
            Phase.STAGE,
            100,
            ProgressReason.COMMANDED,
            "started",
            List.of()));
    decisions.apply(hold(2));

    assertThat(decisions.starter(DATASET, CANDIDATE)).contains(Decision.AUTOMATIC);
    assertThat(decisions.starter(DATASET, BASELINE)).isEmpty();
    assertThat(decisions.aliasVersion(DATASET)).isEmpty();
  }

  @Test
  void aRollbackWithoutAnAliasCreatesNone() throws SQLException {
    assertThat(decisions.apply(rollback(9, List.of(breach("drift:age")))))
        .isEqualTo(ApplyOutcome.CONFLICT);

    assertThat(status.aliases()).isEmpty();
    assertThat(status.history(DATASET).get(0).foundVersion()).isNull();
  }

  @Test
  void aliasDecisionWithoutAnAliasCreatesIt() throws SQLException {
    assertThat(decisions.apply(promotion(7))).isEqualTo(ApplyOutcome.APPLIED);

    AliasRow alias = status.aliases().get(0);
    assertThat(alias.version()).isEqualTo(CANDIDATE);
    assertThat(alias.generation()).isEqualTo(1);
    assertThat(status.history(DATASET).get(0).fromVersion()).isNull();
  }

  @Test
  void conflictLeavesTheAliasAndIsRecorded() throws SQLException {
    decisions.ensureAlias(DATASET, "v0", T0);

    assertThat(decisions.apply(promotion(7))).isEqualTo(ApplyOutcome.CONFLICT);
    assertThat(decisions.apply(promotion(7)))
        .as("a replay reports the refusal again, in case its first report was lost")
        .isEqualTo(ApplyOutcome.CONFLICT);

    AliasRow alias = status.aliases().get(0);
    assertThat(alias.version()).isEqualTo("v0");
    assertThat(alias.generation()).isEqualTo(1);
    assertThat(alias.reason()).isEqualTo("SEEDED");
    HistoryRow history = status.history(DATASET).get(0);
    assertThat(history.outcome()).isEqualTo(ApplyOutcome.CONFLICT);
    assertThat(history.foundVersion()).isEqualTo("v0");
    assertThat(history.toVersion()).isEqualTo(CANDIDATE);
    assertThat(history.generation()).isEqualTo(1);
    assertThat(count("rollout_event")).isEqualTo(1);
    assertThat(count("alias_history")).isEqualTo(1);
  }

  @Test
  void theAuditRowKeepsWhatTheDecisionDecided() throws SQLException {
    Decision held = hold(2);
    decisions.apply(held);

    assertThat(fingerprintOf(held)).hasSize(64).isEqualTo(DecisionFingerprint.of(held));
  }

  @Test
  void aDecisionThatReusesAnIdIsKeptApartAndReportedOnEveryReplay() throws Exception {
    Decision held = hold(6);
    Decision otherwise = rollback(6, List.of(criticalBreach("drift:age")));
    assertThat(otherwise.decisionId()).isEqualTo(held.decisionId());
    decisions.ensureAlias(DATASET, CANDIDATE, T0);
    decisions.apply(held);

    assertThat(decisions.apply(otherwise)).isEqualTo(ApplyOutcome.ID_REUSED);
    assertThat(decisions.apply(otherwise)).isEqualTo(ApplyOutcome.ID_REUSED);
    assertThat(decisions.apply(held))
        .as("the recorded one")
        .isEqualTo(ApplyOutcome.ALREADY_APPLIED);

    assertThat(status.events(DATASET, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(DecisionKind.HELD));
    assertThat(count("alias_history")).as("the alias was not touched").isZero();
    assertThat(status.aliases().get(0).version()).isEqualTo(CANDIDATE);
    try (Connection connection = settings.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT decision_id, fingerprint, sequence, dataset, candidate_version, kind,"
                    + " reason, actor, decided_at, decision, detected_at FROM decision_id_reuse")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString("decision_id")).isEqualTo(otherwise.decisionId().toString());
      assertThat(rows.getString("fingerprint")).isEqualTo(DecisionFingerprint.of(otherwise));
      assertThat(rows.getLong("sequence")).isEqualTo(6);
      assertThat(rows.getString("dataset")).isEqualTo(DATASET);
      assertThat(rows.getString("candidate_version")).isEqualTo(CANDIDATE);
      assertThat(rows.getString("kind")).isEqualTo("ROLLED_BACK");
      assertThat(rows.getString("reason")).isEqualTo("PERSISTENT_BREACH");
      assertThat(rows.getString("actor")).isEqualTo(Decision.AUTOMATIC);
      assertThat(Columns.getInstant(rows, "decided_at")).isEqualTo(otherwise.at());
      assertThat(Columns.getInstant(rows, "detected_at")).isEqualTo(APPLIED);
      JsonNode decision = new ObjectMapper().readTree(rows.getString("decision"));
      assertThat(decision.get("decision_id").asText()).isEqualTo(otherwise.decisionId().toString());
      assertThat(decision.get("message").asText()).isEqualTo(otherwise.message());
      assertThat(rows.next()).as("a replay is recorded once").isFalse();
    }
  }

  @Test
  void aDecisionThatDecidedTheSameIsAReplayWhateverItsMessage() throws SQLException {
    Decision held = hold(6);
    decisions.apply(held);
    Decision reworded =
        new Decision(
            held.decisionId(),
            held.sequence(),
            held.dataset(),
            held.candidateVersion(),
            held.baselineVersion(),
            held.kind(),
            held.fromPhase(),
            held.toPhase(),
            held.stageIndex(),
            held.exposureBasisPoints(),
            held.routingChanged(),
            held.reason(),
            "the same hold, worded by a later version",
            List.of(pass("drift:age")),
            held.actor(),
            held.at());

    assertThat(decisions.apply(reworded)).isEqualTo(ApplyOutcome.ALREADY_APPLIED);
    assertThat(count("decision_id_reuse")).isZero();
  }

  @Test
  void anAuditRowWrittenBeforeFingerprintsCountsAsTheSameDecision() throws SQLException {
    JdbcSettings old = emptyDatabase();
    Decision promoted = promotion(7);
    try {
      migrateTo(old, "2");
      try (Connection connection = old.connect()) {
        insertAsVersionOneDid(connection, promoted.decisionId().toString(), "PROMOTED");
      }
      Schema.migrate(old);
      DecisionStore store = new DecisionStore(old);

      assertThat(store.apply(promoted)).isEqualTo(ApplyOutcome.ALREADY_APPLIED);
      assertThat(store.apply(rollback(7, List.of())))
          .as("unknown reads as the same, as before fingerprints")
          .isEqualTo(ApplyOutcome.ALREADY_APPLIED);
      assertThat(new StatusReader(old).history(DATASET)).hasSize(1);
    } finally {
      TestDatabases.release(old);
    }
  }

  @Test
  void ensureAliasNeverOverwrites() throws SQLException {
    assertThat(decisions.ensureAlias(DATASET, BASELINE, T0)).isTrue();
    assertThat(decisions.ensureAlias(DATASET, "v9", T0)).isFalse();

    assertThat(status.aliases())
        .singleElement()
        .satisfies(a -> assertThat(a.version()).isEqualTo(BASELINE));
  }

  @Test
  void eventsAreNewestFirstAndLimited() throws SQLException {
    for (long sequence = 1; sequence <= 5; sequence++) {
      decisions.apply(hold(sequence));
    }

    assertThat(status.events(DATASET, 3))
        .extracting(EventRow::sequence)
        .containsExactly(5L, 4L, 3L);
    assertThat(status.events("other", 3)).isEmpty();
    assertThat(status.lastRollback(DATASET)).isEmpty();
  }

  @Test
  void routingUpsertNeverMovesBackwards() throws SQLException {
    RoutingEntry fivePercent = entry(500, 1);
    RoutingEntry onePercent = entry(100, 0);

    assertThat(routing.upsert(onePercent, 4, T0)).isTrue();
    assertThat(routing.upsert(fivePercent, 6, T0.plusSeconds(60))).isTrue();
    assertThat(routing.upsert(onePercent, 4, T0)).as("late duplicate").isFalse();
    assertThat(routing.upsert(fivePercent, 6, T0.plusSeconds(60))).as("replay").isTrue();

    RoutingRow row = status.routing().get(0);
    assertThat(row.entry()).isEqualTo(fivePercent);
    assertThat(row.decisionSequence()).isEqualTo(6);
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(count("cohort_routing")).isEqualTo(1);
  }

  @Test
  void routingWithoutCandidateRoundTrips() throws SQLException {
    RoutingEntry none =
        new RoutingEntry(DATASET, BASELINE, null, 0, "salt-1", RoutingEntry.NO_STAGE);

    routing.upsert(none, 9, T0);

    assertThat(status.routing().get(0).entry()).isEqualTo(none);
  }

  @Test
  void gateSnapshotRoundTripsInReadableColumnsAndNeverMovesBackwards() throws SQLException {
    GateSnapshotStore snapshots = new GateSnapshotStore(settings);
    GateSnapshot atFive = snapshot(5, T0);
    GateSnapshot atSeven = snapshot(7, T0.plusSeconds(60));

    assertThat(snapshots.load(DATASET)).isEmpty();
    assertThat(snapshots.upsert(atFive)).isTrue();
    assertThat(snapshots.upsert(atSeven)).isTrue();
    assertThat(snapshots.upsert(atFive)).as("late duplicate").isFalse();
    assertThat(snapshots.upsert(atSeven)).as("replay").isTrue();

    assertThat(snapshots.load(DATASET)).contains(atSeven);
    assertThat(count("gate_snapshot")).isEqualTo(1);
    assertThat(
            TestDatabases.rows(
                settings,
                "SELECT decision_sequence, phase, candidate_version, stage_index, exposure_bp,"
                    + " abandoned, plan FROM gate_snapshot"))
        .containsExactly(
            List.of(
                "7",
                "STAGE",
                CANDIDATE,
                "1",
                "5000",
                "[\"v0\"]",
                PlanJson.toText(RolloutPlans.fromTree(PLAN, "plan"))));
  }

  @Test
  void gateSnapshotLoadsTheHighestSequenceTheAuditLogOrRoutingTableHolds() throws SQLException {
    GateSnapshotStore snapshots = new GateSnapshotStore(settings);
    routing.upsert(entry(500, 1), 9, T0);

    assertThat(snapshots.load(DATASET))
        .as("decisions but no snapshot: written before gate_snapshot existed")
        .contains(GateSnapshot.sequenceOnly(DATASET, 9, null));

    snapshots.upsert(snapshot(5, T0));
    decisions.apply(hold(12));

    assertThat(snapshots.load(DATASET).orElseThrow().decisionSequence()).isEqualTo(12);
    assertThat(snapshots.load(DATASET).orElseThrow().rollout().phase()).isEqualTo("STAGE");
  }

  /** A snapshot of a rollout in stage 2 with a reference profile the size of a real one. */
  static GateSnapshot snapshot(long sequence, Instant at) {
    byte[] profile = new byte[200_000];
    new SplittableRandom(sequence).nextBytes(profile);
    return new GateSnapshot(
        DATASET,
        sequence,
        BASELINE,
        profile,
        List.of("v0"),
        List.of("c-start", "c-approve"),
        new GateSnapshot.Rollout(
            "STAGE",
            "c-start",
            CANDIDATE,
            BASELINE,
            PlanJson.toText(RolloutPlans.fromTree(PLAN, "plan")),
            1,
            T0,
            null,
            5000,
            DATASET + "/" + CANDIDATE,
            T0.minusSeconds(600)),
        at);
  }

  private static final JsonNode PLAN = plan();

  private static JsonNode plan() {
    try {
      return new ObjectMapper()
          .readTree(
              "{\"stages\":[{\"exposure\":10,\"minDuration\":\"PT2M\",\"minSamples\":200},"
                  + "{\"exposure\":50,\"minDuration\":\"PT2M\",\"minSamples\":200},"
                  + "{\"exposure\":100,\"minDuration\":\"PT0S\",\"minSamples\":0}]}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void driftResultInsertIsIdempotent() throws SQLException {
    var evaluation = evaluation(pass("drift:country"), criticalBreach("drift:age"));

    assertThat(driftResults.insert(evaluation)).isEqualTo(2);
    assertThat(driftResults.insert(evaluation)).isZero();

    assertThat(count("drift_result")).isEqualTo(2);
    try (Connection connection = settings.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT verdict, critical, statistic, fixed_sample_p_value, candidate_count,"
                    + " window_end FROM drift_result WHERE gate = 'drift:age'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString("verdict")).isEqualTo("BREACH");
      assertThat(rows.getBoolean("critical")).isTrue();
      assertThat(rows.getDouble("statistic")).isEqualTo(0.2);
      assertThat(rows.getObject("fixed_sample_p_value")).as("NaN is stored as NULL").isNull();
      assertThat(rows.getLong("candidate_count")).isEqualTo(20_000);
      assertThat(Columns.getInstant(rows, "window_end")).isEqualTo(WINDOW_END);
    }
  }

  @Test
  void driftResultKeepsTheCohortsMeansOfAnOutcomeGateOnly() throws SQLException {
    driftResults.insert(evaluation(pass("drift:country"), outcomeBreach("outcome:model_score")));

    try (Connection connection = settings.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT gate, field, method, candidate_count, baseline_count, candidate_mean,"
                    + " baseline_mean FROM drift_result ORDER BY gate")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString("gate")).isEqualTo("drift:country");
      assertThat(rows.getObject("candidate_mean")).as("a data gate has no means").isNull();
      assertThat(rows.getObject("baseline_mean")).as("a data gate has no means").isNull();

      assertThat(rows.next()).isTrue();
      assertThat(rows.getString("gate")).isEqualTo("outcome:model_score");
      assertThat(rows.getString("field")).isNull();
      assertThat(rows.getString("method")).isEqualTo("mean-difference-msprt");
      assertThat(rows.getLong("candidate_count")).isEqualTo(1_200);
      assertThat(rows.getLong("baseline_count")).isEqualTo(10_800);
      assertThat(rows.getObject("candidate_mean")).isEqualTo(0.49);
      assertThat(rows.getObject("baseline_mean")).isEqualTo(0.5);
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void resolverAgreesWithVersionResolver() throws SQLException {
    RoutingEntry entry = entry(2_500, 2);
    routing.upsert(entry, 8, T0);
    RoutingTableResolver resolver = new RoutingTableResolver(settings, Duration.ofSeconds(5));

    int exposed = 0;
    for (int i = 0; i < 1_000; i++) {
      String key = "consumer-" + i;
      String version = resolver.resolve(DATASET, key);
      assertThat(version).as(key).isEqualTo(VersionResolver.resolve(entry, key));
      exposed += version.equals(CANDIDATE) ? 1 : 0;
    }
    assertThat(exposed).as("about 25% of 1000").isBetween(200, 300);
    assertThat(resolver.resolve(DATASET, null)).isEqualTo(BASELINE);
  }

  @Test
  void resolverFallsBackToTheAliasAndRejectsUnknownDatasets() throws SQLException {
    decisions.ensureAlias("features.orders", "v41", T0);
    RoutingTableResolver resolver = new RoutingTableResolver(settings, Duration.ZERO);

    assertThat(resolver.resolve("features.orders", "consumer-1")).isEqualTo("v41");
    assertThatThrownBy(() -> resolver.resolve("nope", "consumer-1"))
        .isInstanceOf(UnknownDatasetException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void resolverRefreshesOnlyWhenItsCopyIsTooOld() throws SQLException {
    decisions.ensureAlias(DATASET, BASELINE, T0);
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now.get();
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    RoutingTableResolver resolver =
        new RoutingTableResolver(settings, Duration.ofSeconds(10), clock);
    assertThat(resolver.resolve(DATASET, "k")).isEqualTo(BASELINE);

    routing.upsert(entry(10_000, 4), 9, T0);
    now.set(T0.plusSeconds(9));
    assertThat(resolver.resolve(DATASET, "k")).as("cached").isEqualTo(BASELINE);
    now.set(T0.plusSeconds(10));
    assertThat(resolver.resolve(DATASET, "k")).as("refreshed").isEqualTo(CANDIDATE);
  }

  static RoutingEntry entry(int exposure, int stage) {
    return new RoutingEntry(DATASET, BASELINE, CANDIDATE, exposure, "rollout-42", stage);
  }

  long count(String table) throws SQLException {
    try (Connection connection = settings.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
