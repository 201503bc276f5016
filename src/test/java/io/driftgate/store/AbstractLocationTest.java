package io.driftgate.store;

import static io.driftgate.store.StoreFixtures.BASELINE;
import static io.driftgate.store.StoreFixtures.CANDIDATE;
import static io.driftgate.store.StoreFixtures.DATASET;
import static io.driftgate.store.StoreFixtures.promotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration and version locations (schema versions 6 and 7), run once per database by a
 * subclass: {@code version_location} records a location once, {@link DatasetRegistry} creates an
 * alias the job's compare-and-set then moves, and the views and {@link RoutingTableResolver} return
 * each version with its location.
 */
abstract class AbstractLocationTest {

  private static final Instant REGISTERED_AT = Instant.parse("2024-05-01T07:00:00Z");
  private static final Instant APPLIED = Instant.parse("2024-05-01T12:00:00Z");
  private static final String V1_LOCATION = "iceberg://warehouse/features.customer_profile@snap-1";
  private static final String V2_LOCATION = "s3://lake/features/customer_profile/v2/";

  JdbcSettings settings;
  VersionLocationStore locations;
  DatasetRegistry registry;
  DecisionStore decisions;
  StatusReader status;

  /** A fresh database with driftgate's schema. */
  abstract JdbcSettings freshDatabase();

  @BeforeEach
  void openDatabase() {
    settings = freshDatabase();
    locations = new VersionLocationStore(settings);
    registry = new DatasetRegistry(settings, Clock.fixed(REGISTERED_AT, ZoneOffset.UTC));
    decisions = new DecisionStore(settings, Clock.fixed(APPLIED, ZoneOffset.UTC));
    status = new StatusReader(settings);
  }

  @AfterEach
  void releaseDatabase() {
    TestDatabases.release(settings);
  }

  @Test
  void aLocationIsRecordedOnceAndTheSameAgainIsANoOp() throws SQLException {
    VersionLocation v1 =
        new VersionLocation(DATASET, BASELINE, V1_LOCATION, "alice", REGISTERED_AT);

    assertThat(locations.record(v1)).isTrue();
    assertThat(locations.record(v1)).as("a replay").isFalse();
    assertThat(
            locations.record(new VersionLocation(DATASET, BASELINE, V1_LOCATION, "job", APPLIED)))
        .as("the same location from another writer")
        .isFalse();

    assertThat(locations.locationOf(DATASET, BASELINE)).contains(V1_LOCATION);
    assertThat(locations.locationOf(DATASET, CANDIDATE)).isEmpty();
    assertThat(locations.locationOf("other.dataset", BASELINE)).isEmpty();
    assertThat(
            TestDatabases.rows(
                settings, "SELECT dataset, version, location, recorded_by FROM version_location"))
        .containsExactly(List.of(DATASET, BASELINE, V1_LOCATION, "alice"));
  }

  @Test
  void anotherLocationForARecordedVersionIsRefused() throws SQLException {
    locations.record(new VersionLocation(DATASET, BASELINE, V1_LOCATION, "alice", REGISTERED_AT));

    assertThatThrownBy(
            () ->
                locations.record(
                    new VersionLocation(DATASET, BASELINE, V2_LOCATION, "bob", APPLIED)))
        .isInstanceOfSatisfying(
            LocationConflictException.class,
            e -> {
              assertThat(e.recordedLocation()).isEqualTo(V1_LOCATION);
              assertThat(e.refusedLocation()).isEqualTo(V2_LOCATION);
              assertThat(e.getSQLState()).isEqualTo("23000");
              assertThat(TransientSqlErrors.isTransient(e)).isFalse();
            })
        .hasMessage(
            "version v1 of dataset 'features.customer_profile' is recorded at '"
                + V1_LOCATION
                + "'; refusing to record it at '"
                + V2_LOCATION
                + "': a version's location never changes (publish the data as a new version)");
    assertThat(locations.locationOf(DATASET, BASELINE)).contains(V1_LOCATION);
  }

  @Test
  void aLocationIsCheckedBeforeItIsWritten() {
    assertThatThrownBy(() -> new VersionLocation(DATASET, BASELINE, " ", "alice", APPLIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("location is blank");
    assertThatThrownBy(
            () -> new VersionLocation(DATASET, BASELINE, "x".repeat(2049), "alice", APPLIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("location has 2049 characters, at most 2048 allowed");
    assertThatThrownBy(() -> new VersionLocation(DATASET, BASELINE, "a\tb", "alice", APPLIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("location of features.customer_profile v1 holds a control character");
    assertThat(new VersionLocation(DATASET, BASELINE, "x".repeat(2048), "a", APPLIED).location())
        .hasSize(2048);
  }

  @Test
  void aLocationOfTheLongestLengthIsStored() throws SQLException {
    String longest = "s3://" + "x".repeat(VersionLocation.MAX_LOCATION_LENGTH - 5);
    locations.record(new VersionLocation(DATASET, BASELINE, longest, "alice", APPLIED));

    assertThat(locations.locationOf(DATASET, BASELINE)).contains(longest);
  }

  @Test
  void registeringCreatesTheAliasThatTheJobsPromotionThenMoves() throws SQLException {
    Registration registration = registry.register(DATASET, BASELINE, V1_LOCATION, "alice");

    assertThat(registration)
        .isEqualTo(new Registration(Registration.Outcome.REGISTERED, BASELINE, true));
    String registerId = DatasetRegistry.decisionId(DATASET, BASELINE).toString();
    assertThat(status.aliases())
        .containsExactly(
            new AliasRow(DATASET, BASELINE, 1, REGISTERED_AT, "REGISTERED", registerId));
    assertThat(status.history(DATASET))
        .containsExactly(
            new HistoryRow(
                DATASET,
                null,
                BASELINE,
                null,
                1,
                registerId,
                DecisionKind.PROMOTED,
                "REGISTERED",
                "registered at v1 by driftgate register",
                "alice",
                REGISTERED_AT,
                REGISTERED_AT,
                ApplyOutcome.APPLIED,
                null));
    assertThat(count("rollout_event")).as("a registration is no decision of the job").isZero();
    assertThat(decisions.aliasVersion(DATASET)).contains(BASELINE);

    Decision promoted = promotion(7);
    assertThat(decisions.apply(promoted)).isEqualTo(ApplyOutcome.APPLIED);

    assertThat(status.aliases())
        .extracting(AliasRow::version, AliasRow::generation, AliasRow::reason)
        .containsExactly(tuple(CANDIDATE, 2L, "GATES_PASSED"));
    assertThat(status.history(DATASET))
        .extracting(
            HistoryRow::kind,
            HistoryRow::reason,
            HistoryRow::fromVersion,
            HistoryRow::toVersion,
            HistoryRow::generation,
            HistoryRow::outcome)
        .containsExactly(
            tuple(DecisionKind.PROMOTED, "REGISTERED", null, BASELINE, 1L, ApplyOutcome.APPLIED),
            tuple(
                DecisionKind.PROMOTED,
                "GATES_PASSED",
                BASELINE,
                CANDIDATE,
                2L,
                ApplyOutcome.APPLIED));
  }

  @Test
  void registeringTheAliasVersionAgainOnlyRecordsANewLocation() throws SQLException {
    registry.register(DATASET, BASELINE, null, "alice");

    assertThat(registry.register(DATASET, BASELINE, null, "bob"))
        .isEqualTo(new Registration(Registration.Outcome.ALREADY_REGISTERED, BASELINE, false));
    assertThat(registry.register(DATASET, BASELINE, V1_LOCATION, "bob"))
        .isEqualTo(new Registration(Registration.Outcome.ALREADY_REGISTERED, BASELINE, true));
    assertThat(registry.register(DATASET, BASELINE, V1_LOCATION, "carol"))
        .isEqualTo(new Registration(Registration.Outcome.ALREADY_REGISTERED, BASELINE, false));

    assertThat(status.aliases()).extracting(AliasRow::generation).containsExactly(1L);
    assertThat(count("alias_history")).isEqualTo(1);
    assertThat(
            TestDatabases.rows(
                settings, "SELECT version, location, recorded_by FROM version_location"))
        .containsExactly(List.of(BASELINE, V1_LOCATION, "bob"));
  }

  @Test
  void registrationNeverMovesAnAlias() throws SQLException {
    registry.register(DATASET, BASELINE, V1_LOCATION, "alice");

    assertThat(registry.register(DATASET, CANDIDATE, V2_LOCATION, "bob"))
        .isEqualTo(new Registration(Registration.Outcome.ALIAS_ELSEWHERE, BASELINE, false));

    assertThat(status.aliases()).extracting(AliasRow::version).containsExactly(BASELINE);
    assertThat(count("alias_history")).isEqualTo(1);
    assertThat(locations.locationOf(DATASET, CANDIDATE)).as("nothing written").isEmpty();
  }

  @Test
  void registrationRefusesAnotherBaselineThanARolloutsWithoutAnAlias() throws SQLException {
    new RoutingStore(settings)
        .upsert(new RoutingEntry(DATASET, BASELINE, CANDIDATE, 100, "s", 0), 1, APPLIED);

    assertThat(registry.register(DATASET, CANDIDATE, null, "bob"))
        .isEqualTo(new Registration(Registration.Outcome.ROUTED_ELSEWHERE, BASELINE, false));
    assertThat(registry.register(DATASET, BASELINE, null, "bob").outcome())
        .isEqualTo(Registration.Outcome.REGISTERED);
  }

  @Test
  void aRegistrationWhoseLocationConflictsWritesNothing() throws SQLException {
    locations.record(new VersionLocation(DATASET, BASELINE, V1_LOCATION, "job", APPLIED));

    assertThatThrownBy(() -> registry.register(DATASET, BASELINE, V2_LOCATION, "alice"))
        .isInstanceOf(LocationConflictException.class);

    assertThat(status.aliases()).isEmpty();
    assertThat(count("alias_history")).isZero();
  }

  @Test
  void theViewsReturnEachVersionWithItsLocation() throws SQLException {
    registry.register(DATASET, BASELINE, V1_LOCATION, "alice");
    registry.register("orders", "v41", null, "alice");
    locations.record(new VersionLocation(DATASET, CANDIDATE, V2_LOCATION, "job", APPLIED));
    RoutingStore routing = new RoutingStore(settings);
    routing.upsert(new RoutingEntry(DATASET, BASELINE, CANDIDATE, 2_500, "s", 1), 3, APPLIED);
    routing.upsert(new RoutingEntry("payments", "v7", null, 0, "p", -1), 1, APPLIED);

    assertThat(
            TestDatabases.rows(
                settings,
                "SELECT dataset, version, location, generation FROM dataset_alias_location"
                    + " ORDER BY dataset"))
        .containsExactly(
            List.of(DATASET, BASELINE, V1_LOCATION, "1"), List.of("orders", "v41", "null", "1"));
    assertThat(
            TestDatabases.rows(
                settings,
                "SELECT dataset, baseline_version, baseline_location, candidate_version,"
                    + " candidate_location, exposure_bp FROM cohort_routing_location"
                    + " ORDER BY dataset"))
        .containsExactly(
            List.of(DATASET, BASELINE, V1_LOCATION, CANDIDATE, V2_LOCATION, "2500"),
            List.of("payments", "v7", "null", "null", "null", "0"));
  }

  @Test
  void theResolverReturnsTheVersionWithItsLocation() throws SQLException {
    registry.register(DATASET, BASELINE, V1_LOCATION, "alice");
    registry.register("orders", "v41", null, "alice");
    locations.record(new VersionLocation(DATASET, CANDIDATE, V2_LOCATION, "job", APPLIED));
    RoutingEntry entry = new RoutingEntry(DATASET, BASELINE, CANDIDATE, 5_000, "rollout-7", 2);
    RoutingTableResolver resolver = new RoutingTableResolver(settings, Duration.ZERO);

    assertThat(resolver.resolveWithLocation(DATASET, "k"))
        .as("the alias before any routing")
        .isEqualTo(new ResolvedVersion(BASELINE, V1_LOCATION));
    new RoutingStore(settings).upsert(entry, 2, APPLIED);

    int candidates = 0;
    for (int i = 0; i < 200; i++) {
      String key = "consumer-" + i;
      String version = VersionResolver.resolve(entry, key);
      candidates += version.equals(CANDIDATE) ? 1 : 0;
      assertThat(resolver.resolveWithLocation(DATASET, key))
          .as(key)
          .isEqualTo(
              new ResolvedVersion(version, version.equals(CANDIDATE) ? V2_LOCATION : V1_LOCATION));
      assertThat(resolver.resolve(DATASET, key)).isEqualTo(version);
    }
    assertThat(candidates).as("both versions are resolved").isBetween(1, 199);
    assertThat(resolver.resolveWithLocation(DATASET, null))
        .isEqualTo(new ResolvedVersion(BASELINE, V1_LOCATION));
    assertThat(resolver.resolveWithLocation("orders", "k"))
        .isEqualTo(new ResolvedVersion("v41", null));
    assertThat(resolver.resolveWithLocation("orders", "k").recordedLocation()).isEmpty();
    assertThatThrownBy(() -> resolver.resolveWithLocation("nobody.knows", "k"))
        .isInstanceOf(UnknownDatasetException.class);
  }

  long count(String table) throws SQLException {
    return Long.parseLong(
        TestDatabases.rows(settings, "SELECT COUNT(*) FROM " + table).get(0).get(0));
  }
}
