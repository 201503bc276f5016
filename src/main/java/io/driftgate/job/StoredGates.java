package io.driftgate.job;

import io.driftgate.gate.GateSnapshot;
import io.driftgate.store.GateSnapshotStore;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the rollout controller looks for a dataset's gate that its keyed state does not have: the
 * {@code gate_snapshot} table, so that a job started without its state carries on the dataset's
 * history ({@link io.driftgate.gate.GateRecovery}). Serializable, since it travels inside the
 * controller; a load opens its own connection with the endpoint's timeouts, since it happens once
 * per dataset and a connection held for it would sit idle for the job's life.
 */
@FunctionalInterface
public interface StoredGates extends Serializable {

  /**
   * Nothing stored: every dataset starts as if it never had a rollout. For a replay that must
   * decide exactly as the first run did, whatever the database remembers of it.
   */
  StoredGates NONE = dataset -> Optional.empty();

  /**
   * @throws SQLException when the database cannot be read: the task fails and Flink retries it,
   *     rather than the dataset starting over and its decisions colliding with the stored ones
   */
  Optional<GateSnapshot> load(String dataset) throws SQLException;

  static StoredGates in(JdbcEndpoint endpoint) {
    return dataset -> new GateSnapshotStore(endpoint.resolve()).load(dataset);
  }
}
