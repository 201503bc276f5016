package io.driftgate.job;

import io.driftgate.gate.GateSnapshot;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.GateSnapshotStore;
import io.driftgate.store.VersionLocationStore;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the rollout controller looks up in the database for a dataset its keyed state does not know:
 * the {@code gate_snapshot} row, so that a job started without its state carries on the dataset's
 * history ({@link io.driftgate.gate.GateRecovery}), and the alias, which a dataset's first start
 * must name as its baseline. Serializable, since it travels inside the controller; a lookup opens
 * its own connection with the endpoint's timeouts, since it happens once per dataset (or per start
 * before a dataset's first rollout) and a connection held for it would sit idle for the job's life.
 */
public interface StoredGates extends Serializable {

  /**
   * Nothing stored: every dataset starts as if it never had a rollout or an alias. For a replay
   * that must decide exactly as the first run did, whatever the database remembers of it.
   */
  StoredGates NONE = new None();

  /**
   * @throws SQLException when the database cannot be read: the task fails and Flink retries it,
   *     rather than the dataset starting over and its decisions colliding with the stored ones
   */
  Optional<GateSnapshot> load(String dataset) throws SQLException;

  /**
   * The version {@code dataset}'s alias points at, empty when it has none.
   *
   * @throws SQLException when the database cannot be read, as for {@link #load}
   */
  Optional<String> alias(String dataset) throws SQLException;

  /**
   * Who started the latest rollout of {@code candidate}, from the audit log; empty when none is
   * recorded.
   *
   * @throws SQLException when the database cannot be read, as for {@link #load}
   */
  Optional<String> starter(String dataset, String candidate) throws SQLException;

  /** Where {@code version} was recorded to live ({@code version_location}), when it was. */
  Optional<String> location(String dataset, String version) throws SQLException;

  static StoredGates in(JdbcEndpoint endpoint) {
    return new InDatabase(endpoint);
  }

  /** See {@link #NONE}. */
  final class None implements StoredGates {
    private static final long serialVersionUID = 1L;

    private None() {}

    @Override
    public Optional<GateSnapshot> load(String dataset) {
      return Optional.empty();
    }

    @Override
    public Optional<String> alias(String dataset) {
      return Optional.empty();
    }

    @Override
    public Optional<String> starter(String dataset, String candidate) {
      return Optional.empty();
    }

    @Override
    public Optional<String> location(String dataset, String version) {
      return Optional.empty();
    }

    private Object readResolve() {
      return NONE;
    }
  }

  /** See {@link #in}. */
  record InDatabase(JdbcEndpoint endpoint) implements StoredGates {
    @Override
    public Optional<GateSnapshot> load(String dataset) throws SQLException {
      return new GateSnapshotStore(endpoint.resolve()).load(dataset);
    }

    @Override
    public Optional<String> alias(String dataset) throws SQLException {
      return new DecisionStore(endpoint.resolve()).aliasVersion(dataset);
    }

    @Override
    public Optional<String> starter(String dataset, String candidate) throws SQLException {
      return new DecisionStore(endpoint.resolve()).starter(dataset, candidate);
    }

    @Override
    public Optional<String> location(String dataset, String version) throws SQLException {
      return new VersionLocationStore(endpoint.resolve()).locationOf(dataset, version);
    }
  }
}
