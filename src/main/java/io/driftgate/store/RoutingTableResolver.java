package io.driftgate.store;

import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The consumer side of a rollout: which version of a dataset this reader should read now. It reads
 * {@code cohort_routing} and {@code dataset_alias} at most once per {@code maxAge} and resolves
 * with the job's own {@link VersionResolver}, so a consumer and the job always agree on who is
 * exposed. A dataset without a routing entry (never rolled out) reads its alias.
 *
 * <p>Thread-safe. Opens a connection only to refresh, so there is nothing to close.
 */
public final class RoutingTableResolver {

  private record Snapshot(
      Map<String, RoutingEntry> routes, Map<String, String> aliases, Instant loadedAt) {}

  private final StatusReader reader;
  private final Duration maxAge;
  private final Clock clock;
  private volatile Snapshot snapshot;

  public RoutingTableResolver(JdbcSettings settings, Duration maxAge) {
    this(settings, maxAge, Clock.systemUTC());
  }

  /**
   * @param maxAge how stale the routing may be; a rollback reaches this consumer within it
   * @param clock decides when the cached routing is too old
   */
  public RoutingTableResolver(JdbcSettings settings, Duration maxAge, Clock clock) {
    this.reader = new StatusReader(Objects.requireNonNull(settings, "settings"));
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge is " + maxAge + ", must not be negative");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the version of {@code dataset} that the consumer with {@code cohortKey} reads now.
   *
   * @param cohortKey the consumer's cohort key; {@code null} or blank reads the baseline
   * @throws UnknownDatasetException if the dataset has neither routing entry nor alias
   * @throws RoutingUnavailableException if the tables cannot be read
   */
  public String resolve(String dataset, String cohortKey) {
    Snapshot current = current();
    RoutingEntry entry = current.routes().get(dataset);
    if (entry != null) {
      return VersionResolver.resolve(entry, cohortKey);
    }
    String alias = current.aliases().get(dataset);
    if (alias != null) {
      return alias;
    }
    throw new UnknownDatasetException(dataset);
  }

  /** Re-reads the tables now, whatever the age of the cached copy. */
  public synchronized void refresh() {
    Instant now = clock.instant();
    try {
      Map<String, RoutingEntry> routes = new HashMap<>();
      for (RoutingRow row : reader.routing()) {
        routes.put(row.entry().dataset(), row.entry());
      }
      Map<String, String> aliases = new HashMap<>();
      for (AliasRow row : reader.aliases()) {
        aliases.put(row.dataset(), row.version());
      }
      snapshot = new Snapshot(Map.copyOf(routes), Map.copyOf(aliases), now);
    } catch (SQLException e) {
      throw new RoutingUnavailableException(
          "cannot read cohort_routing and dataset_alias: " + e.getMessage(), e);
    }
  }

  private Snapshot current() {
    Snapshot current = snapshot;
    if (current == null || expired(current)) {
      synchronized (this) {
        current = snapshot;
        if (current == null || expired(current)) {
          refresh();
          current = snapshot;
        }
      }
    }
    return current;
  }

  private boolean expired(Snapshot current) {
    return !clock.instant().isBefore(current.loadedAt().plus(maxAge));
  }
}
