package io.driftgate.store;

import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of a rollout: which version of a dataset this reader should read now, and where
 * it lives. It reads {@code cohort_routing} and {@code dataset_alias} with their versions'
 * locations (the views {@code cohort_routing_location} and {@code dataset_alias_location}, schema
 * version 6) at most once per {@code maxAge} and resolves with the job's own {@link
 * VersionResolver}, so a consumer and the job always agree on who is exposed. A dataset without a
 * routing entry (never rolled out) reads its alias.
 *
 * <p><b>Outages.</b> When a refresh fails because the database is unreachable (down, a refused or
 * lost connection, a timeout, a login withdrawn: {@link TransientSqlErrors}), the resolver keeps
 * answering from the last routing it read until that routing is {@code maxStale} old, and then
 * throws {@link RoutingUnavailableException}: a rollback reaches a consumer that cannot read the
 * database within {@code maxStale}, never later. While it serves a stale routing it retries at most
 * once per {@code maxAge}. It logs one WARN when an outage starts and one INFO when a read succeeds
 * again, whatever the number of calls in between, and tells an optional {@link OutageListener} the
 * same. Any other error (a missing table or privilege, a wrong password) fails the read at once, as
 * it needs a fix rather than a wait.
 *
 * <p><b>Metrics</b> without a metrics library: {@link #stalenessMillis()} is a gauge of the age of
 * the routing served now ({@code LongSupplier}-shaped: {@code
 * metricGroup.gauge("routingStalenessMs", resolver::stalenessMillis)} in Flink, {@code
 * Gauge.builder("driftgate.routing.staleness", resolver, RoutingTableResolver::stalenessMillis)} in
 * Micrometer), {@link #servingStale()} says whether an outage is in progress, and an {@link
 * OutageListener} can count outages.
 *
 * <p>Thread-safe. Opens a connection only to refresh, so there is nothing to close. While one
 * thread refreshes, the others answer from the routing already read if it is within {@code
 * maxStale} rather than wait for the database.
 */
public final class RoutingTableResolver {

  /**
   * How old the last routing read may grow while the database cannot be read, unless a constructor
   * says otherwise (and never less than {@code maxAge}).
   */
  public static final Duration DEFAULT_MAX_STALE = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(RoutingTableResolver.class);

  /**
   * Told when the resolver starts serving a stale routing and when it reads the tables again.
   * Called at most once per outage each, by the thread whose refresh failed or succeeded, with the
   * resolver's refresh lock held: return quickly and do not call back into the resolver.
   */
  public interface OutageListener {

    /**
     * A refresh failed: from now on the resolver answers from the routing read at {@code lastRead}
     * until it is {@code maxStale} old.
     *
     * @param lastRead when the tables were last read, or {@code null} if they never were
     */
    void outageStarted(Instant lastRead, SQLException cause);

    /** A refresh succeeded after {@code outage}, the time since the first failed refresh. */
    void outageEnded(Duration outage);
  }

  /**
   * One read of the routing and the aliases, each row with its versions' locations from the same
   * statement ({@code cohort_routing_location}, {@code dataset_alias_location}).
   */
  private record Snapshot(
      Map<String, StatusReader.LocatedRoute> routes,
      Map<String, ResolvedVersion> aliases,
      Instant loadedAt) {}

  /** The outage in progress: since when, and when the next refresh may be tried. */
  private record Outage(Instant since, Instant nextAttempt, SQLException cause) {}

  private static final OutageListener NO_LISTENER =
      new OutageListener() {
        @Override
        public void outageStarted(Instant lastRead, SQLException cause) {}

        @Override
        public void outageEnded(Duration outage) {}
      };

  private final StatusReader reader;
  private final Duration maxAge;
  private final Duration maxStale;
  private final Clock clock;
  private final OutageListener listener;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Snapshot snapshot;
  private volatile Outage outage;

  /** A resolver on the system clock with {@code maxStale} = max({@code maxAge}, 5 minutes). */
  public RoutingTableResolver(JdbcSettings settings, Duration maxAge) {
    this(settings, maxAge, Clock.systemUTC());
  }

  /** A resolver with {@code maxStale} = max({@code maxAge}, {@link #DEFAULT_MAX_STALE}). */
  public RoutingTableResolver(JdbcSettings settings, Duration maxAge, Clock clock) {
    this(settings, maxAge, defaultMaxStale(maxAge), clock);
  }

  /** A resolver without an {@link OutageListener} (the log lines only). */
  public RoutingTableResolver(
      JdbcSettings settings, Duration maxAge, Duration maxStale, Clock clock) {
    this(settings, maxAge, maxStale, clock, NO_LISTENER);
  }

  /**
   * @param maxAge how stale the routing may be while the database answers; a rollback reaches this
   *     consumer within it
   * @param maxStale how stale the routing may grow while the database cannot be read, at least
   *     {@code maxAge}; {@code maxStale == maxAge} fails at once, as before outages were survived
   * @param clock decides when the cached routing is too old
   * @param listener told when an outage starts and ends
   */
  public RoutingTableResolver(
      JdbcSettings settings,
      Duration maxAge,
      Duration maxStale,
      Clock clock,
      OutageListener listener) {
    this.reader = new StatusReader(Objects.requireNonNull(settings, "settings"));
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.maxStale = Objects.requireNonNull(maxStale, "maxStale");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge is " + maxAge + ", must not be negative");
    }
    if (maxStale.compareTo(maxAge) < 0) {
      throw new IllegalArgumentException(
          "maxStale is " + maxStale + ", must be at least maxAge (" + maxAge + ")");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Returns the version of {@code dataset} that the consumer with {@code cohortKey} reads now.
   *
   * @param cohortKey the consumer's cohort key; {@code null} or blank reads the baseline
   * @throws UnknownDatasetException if the dataset has neither routing entry nor alias
   * @throws RoutingUnavailableException if the tables cannot be read and the last routing read is
   *     {@code maxStale} old, or was never read
   */
  public String resolve(String dataset, String cohortKey) {
    return resolveWithLocation(dataset, cohortKey).version();
  }

  /**
   * Like {@link #resolve}, with where that version lives: its {@code version_location}, read with
   * the routing and cached, refreshed and served through outages as the routing is.
   *
   * @return the version and its location, {@code null} when none is recorded
   * @throws UnknownDatasetException if the dataset has neither routing entry nor alias
   * @throws RoutingUnavailableException as {@link #resolve} does
   */
  public ResolvedVersion resolveWithLocation(String dataset, String cohortKey) {
    Snapshot current = current(dataset);
    StatusReader.LocatedRoute route = current.routes().get(dataset);
    if (route != null) {
      RoutingEntry entry = route.entry();
      String version = VersionResolver.resolve(entry, cohortKey);
      return new ResolvedVersion(
          version,
          version.equals(entry.baselineVersion())
              ? route.baselineLocation()
              : route.candidateLocation());
    }
    ResolvedVersion alias = current.aliases().get(dataset);
    if (alias != null) {
      return alias;
    }
    throw new UnknownDatasetException(dataset);
  }

  /**
   * Re-reads the tables now, whatever the age of the cached copy.
   *
   * @throws RoutingUnavailableException if they cannot be read (an outage starts, if none is in
   *     progress; the routing read before is still served within {@code maxStale})
   */
  public void refresh() {
    refreshing.lock();
    try {
      SQLException failure = tryRefresh();
      if (failure != null) {
        throw new RoutingUnavailableException(
            "cannot read cohort_routing and dataset_alias: " + failure.getMessage(), failure);
      }
    } finally {
      refreshing.unlock();
    }
  }

  /** When the tables were last read successfully; empty before the first read. */
  public Optional<Instant> lastSuccessfulRead() {
    Snapshot current = snapshot;
    return current == null ? Optional.empty() : Optional.of(current.loadedAt());
  }

  /**
   * The age of the routing this resolver answers from: up to {@code maxAge} while the database
   * answers, up to {@code maxStale} in an outage. {@link Duration#ZERO} before the first read.
   */
  public Duration staleness() {
    Snapshot current = snapshot;
    return current == null ? Duration.ZERO : Duration.between(current.loadedAt(), clock.instant());
  }

  /** {@link #staleness()} in milliseconds, for a gauge ({@code resolver::stalenessMillis}). */
  public long stalenessMillis() {
    return staleness().toMillis();
  }

  /**
   * Whether an outage is in progress: the last refresh failed because the database is unreachable,
   * so answers come from the last read (within {@code maxStale}) or fail (beyond it, or if there
   * was no read yet).
   */
  public boolean servingStale() {
    return outage != null;
  }

  /** The bound on {@link #staleness()} during an outage. */
  public Duration maxStale() {
    return maxStale;
  }

  private Snapshot current(String dataset) {
    Snapshot current = snapshot;
    Instant now = clock.instant();
    if (current != null && fresh(current, now)) {
      return current;
    }
    if (current != null && withinBound(current, now)) {
      if (!refreshing.tryLock()) {
        return current; // another thread is refreshing: answer rather than wait for the database
      }
    } else {
      refreshing.lock();
    }
    try {
      current = snapshot;
      now = clock.instant();
      if (current != null && fresh(current, now)) {
        return current;
      }
      Outage failing = outage;
      SQLException failure;
      if (current != null && failing != null && now.isBefore(failing.nextAttempt())) {
        failure = failing.cause(); // retried too recently: do not wait for the database again
      } else {
        failure = tryRefresh();
      }
      current = snapshot;
      if (failure == null) {
        return current;
      }
      if (current != null && withinBound(current, now) && TransientSqlErrors.isTransient(failure)) {
        return current;
      }
      throw unavailable(dataset, current, now, failure);
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Reads the tables; on failure returns why, having started an outage if the database is
   * unreachable and none is in progress.
   */
  private SQLException tryRefresh() {
    Instant now = clock.instant();
    Snapshot read;
    try {
      read =
          reader.atOneMoment(
              moment ->
                  new Snapshot(
                      Map.copyOf(moment.locatedRouting()),
                      Map.copyOf(moment.locatedAliases()),
                      now));
    } catch (SQLException e) {
      if (!TransientSqlErrors.isTransient(e)) {
        return e;
      }
      Outage failing = outage;
      outage = new Outage(failing == null ? now : failing.since(), now.plus(maxAge), e);
      if (failing == null) {
        Snapshot last = snapshot;
        Instant lastRead = last == null ? null : last.loadedAt();
        LOG.warn(
            "Cannot read cohort_routing and dataset_alias ({}): serving the routing read at {}"
                + " until it is {} old, then failing",
            e.getMessage(),
            lastRead == null ? "<never>" : lastRead,
            maxStale);
        listener.outageStarted(lastRead, e);
      }
      return e;
    }
    snapshot = read;
    Outage ended = outage;
    if (ended != null) {
      outage = null;
      Duration length = Duration.between(ended.since(), now);
      LOG.info(
          "Read cohort_routing and dataset_alias again after an outage of {}; serving fresh"
              + " routing",
          length);
      listener.outageEnded(length);
    }
    return null;
  }

  private boolean fresh(Snapshot current, Instant now) {
    return now.isBefore(current.loadedAt().plus(maxAge));
  }

  private boolean withinBound(Snapshot current, Instant now) {
    return now.isBefore(current.loadedAt().plus(maxStale));
  }

  private RoutingUnavailableException unavailable(
      String dataset, Snapshot current, Instant now, SQLException failure) {
    if (!TransientSqlErrors.isTransient(failure)) {
      return new RoutingUnavailableException(
          "routing of dataset '"
              + dataset
              + "' unavailable: cannot read cohort_routing and dataset_alias ("
              + failure.getMessage()
              + ", SQLState "
              + failure.getSQLState()
              + "), an error that waiting does not cure",
          failure);
    }
    String last =
        current == null
            ? "never read"
            : "last read at "
                + current.loadedAt()
                + ", "
                + Duration.between(current.loadedAt(), now)
                + " ago";
    return new RoutingUnavailableException(
        "routing of dataset '"
            + dataset
            + "' unavailable: cannot read cohort_routing and dataset_alias ("
            + failure.getMessage()
            + "); "
            + last
            + ", and the maximum staleness is "
            + maxStale,
        failure);
  }

  private static Duration defaultMaxStale(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    return maxAge.compareTo(DEFAULT_MAX_STALE) > 0 ? maxAge : DEFAULT_MAX_STALE;
  }
}
