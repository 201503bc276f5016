package io.driftgate.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a dataset at its current version: creates the alias of a dataset that has none, so that
 * consumers resolve it and its first rollout has a baseline, and records where the version lives.
 * Never moves an alias (only a rollout's promotion does); registering the version the alias already
 * names is a no-op, apart from recording a location given for the first time. One transaction: the
 * location, the alias and its {@code alias_history} row are written together or not at all.
 *
 * <p>The alias is created as a first promotion creates it (generation 1), so the job's later
 * compare-and-set ({@link AliasTable#compareAndSet}) moves it like any other. Its history row has
 * kind {@code PROMOTED}, reason {@code REGISTERED}, no {@code from_version}, and the decision id
 * {@link #decisionId}, a name-based UUID that no rollout decision has. No {@code rollout_event}
 * row: a registration is no decision of the job (its readers expect a sequence and phases).
 */
public final class DatasetRegistry {

  private static final String ID_PREFIX = "driftgate-register:";

  private static final String ROUTING_BASELINE =
      "SELECT baseline_version FROM cohort_routing WHERE dataset = ?";

  private final ConnectionSource connections;
  private final Clock clock;

  public DatasetRegistry(ConnectionSource connections) {
    this(connections, Clock.systemUTC());
  }

  /**
   * @param clock stamps the alias, its history row and the location
   */
  public DatasetRegistry(ConnectionSource connections, Clock clock) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Registers {@code dataset} at {@code version}.
   *
   * @param location where the version lives, or {@code null} to record none
   * @param actor who registers; the history row and the location row name them
   * @throws LocationConflictException if the version's location is recorded, and differs; nothing
   *     is written
   * @throws IllegalArgumentException if a name is blank or too long (see {@link VersionLocation})
   */
  public Registration register(String dataset, String version, String location, String actor)
      throws SQLException {
    VersionLocation.requireText("dataset", dataset, VersionLocation.MAX_NAME_LENGTH);
    VersionLocation.requireText("version", version, VersionLocation.MAX_NAME_LENGTH);
    VersionLocation.requireText("actor", actor, VersionLocation.MAX_NAME_LENGTH);
    Instant at = clock.instant();
    VersionLocation recorded =
        location == null ? null : new VersionLocation(dataset, version, location, actor, at);
    return Transactions.run(
        connections,
        connection -> {
          Optional<String> alias = AliasTable.lockedVersion(connection, dataset);
          if (alias.isPresent() && !alias.get().equals(version)) {
            return new Registration(Registration.Outcome.ALIAS_ELSEWHERE, alias.get(), false);
          }
          if (alias.isEmpty()) {
            Optional<String> baseline = routingBaseline(connection, dataset);
            if (baseline.isPresent() && !baseline.get().equals(version)) {
              return new Registration(Registration.Outcome.ROUTED_ELSEWHERE, baseline.get(), false);
            }
          }
          boolean locationRecorded =
              recorded != null && VersionLocationStore.record(connection, recorded);
          if (alias.isPresent()) {
            return new Registration(
                Registration.Outcome.ALREADY_REGISTERED, version, locationRecorded);
          }
          AliasTable.register(
              connection,
              dataset,
              version,
              decisionId(dataset, version).toString(),
              actor,
              "registered at " + version + " by driftgate register",
              at);
          return new Registration(Registration.Outcome.REGISTERED, version, locationRecorded);
        });
  }

  /**
   * The {@code alias_history.decision_id} of the registration of {@code version}: the name-based
   * (MD5, version 3) UUID of the length-prefixed dataset and version under a prefix of its own, so
   * it is the same for the same registration and never the id of a rollout decision ({@code
   * io.driftgate.rollout.DecisionIds} names its ids under other prefixes).
   */
  public static UUID decisionId(String dataset, String version) {
    String name = ID_PREFIX + dataset.length() + ':' + dataset + version.length() + ':' + version;
    return UUID.nameUUIDFromBytes(name.getBytes(UTF_8));
  }

  private static Optional<String> routingBaseline(Connection connection, String dataset)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(ROUTING_BASELINE)) {
      statement.setString(1, dataset);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
