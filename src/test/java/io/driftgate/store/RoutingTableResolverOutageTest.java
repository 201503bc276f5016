package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.routing.RoutingEntry;
import io.driftgate.testing.TcpProxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, deliverable 5: a {@link RoutingTableResolver} against the real PostgreSQL, reached
 * through a {@link TcpProxy} that the test cuts after the first read, as a database that goes down
 * would be: the resolver answers from its last read within {@code maxStale}, fails naming the
 * dataset, the last read and the bound after it, and answers again once the database is back,
 * logging the outage once at its start and once at its end. An error that is no outage (a missing
 * table) fails at once. The clock is the test's; nothing sleeps.
 */
class RoutingTableResolverOutageTest {

  private static final String DATASET = "features.customer_profile";
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration MAX_AGE = Duration.ofSeconds(10);
  private static final Duration MAX_STALE = Duration.ofMinutes(5);

  /** Short timeouts: a refused connection fails at once anyway. */
  private static final JdbcTimeouts TIMEOUTS =
      new JdbcTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));

  private final TestClock clock = new TestClock();
  private final CapturedLog log = new CapturedLog();
  private final List<String> outages = new CopyOnWriteArrayList<>();
  private JdbcSettings db;
  private TcpProxy proxy;
  private RoutingStore routing;

  @BeforeEach
  void databaseBehindAProxy() throws Exception {
    db = TestDatabases.postgres();
    routing = new RoutingStore(db);
    new DecisionStore(db).ensureAlias("features.orders", "v41", T0);
    routing.upsert(entry(2_500), 1, T0);
    URI server = URI.create(db.url().substring("jdbc:".length()));
    proxy = new TcpProxy(server.getHost(), server.getPort());
    log.attach();
  }

  @AfterEach
  void cleanUp() throws Exception {
    log.detach();
    proxy.close();
    TestDatabases.release(db);
  }

  @Test
  void answersFromTheLastReadWithinTheBoundThenFailsAndRecovers() throws Exception {
    RoutingTableResolver resolver = resolver();
    List<String> before = answers(resolver);
    assertThat(before).contains("v1", "v2");
    assertThat(resolver.servingStale()).isFalse();
    assertThat(resolver.lastSuccessfulRead()).contains(T0);

    proxy.cut();
    routing.upsert(entry(10_000), 2, T0); // written while this consumer cannot read it
    clock.advance(MAX_AGE);
    assertThat(answers(resolver))
        .as("the last read, at the first failed refresh")
        .isEqualTo(before);
    assertThat(resolver.servingStale()).isTrue();
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(13));
      assertThat(answers(resolver)).as("%s stale", resolver.staleness()).isEqualTo(before);
    }
    assertThat(resolver.staleness()).isEqualTo(Duration.ofSeconds(10 + 20 * 13));
    assertThat(resolver.stalenessMillis()).isEqualTo(270_000L);
    assertThat(resolver.lastSuccessfulRead()).contains(T0);

    clock.advance(Duration.ofSeconds(29)); // 299 s: the last second within the bound
    assertThat(answers(resolver)).isEqualTo(before);
    clock.advance(Duration.ofSeconds(1)); // 300 s: maxStale
    assertThatThrownBy(() -> resolver.resolve(DATASET, "customer-42"))
        .isInstanceOf(RoutingUnavailableException.class)
        .hasCauseInstanceOf(SQLException.class)
        .hasMessageContaining("'" + DATASET + "'")
        .hasMessageContaining("last read at " + T0)
        .hasMessageContaining("PT5M ago")
        .hasMessageContaining("maximum staleness is PT5M");
    assertThatThrownBy(() -> resolver.resolve("features.orders", "customer-42"))
        .isInstanceOf(RoutingUnavailableException.class)
        .hasMessageContaining("'features.orders'");
    assertThat(log.lines())
        .as("one line for the whole outage so far")
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("WARN Cannot read cohort_routing"));
    assertThat(outages).containsExactly("started, last read " + T0);

    proxy.restore();
    clock.advance(MAX_AGE); // the next retry is due
    assertThat(answers(resolver))
        .as("the routing written during the outage")
        .allMatch(version -> version.equals("v2"));
    assertThat(resolver.servingStale()).isFalse();
    assertThat(resolver.staleness()).isZero();
    assertThat(log.lines()).hasSize(2);
    assertThat(log.lines().get(1))
        .startsWith("INFO Read cohort_routing and dataset_alias again after an outage of PT5M");
    assertThat(outages).containsExactly("started, last read " + T0, "ended after PT5M");
  }

  /** The locations come from the same cached read as the versions, through an outage too. */
  @Test
  void locationsAreServedFromTheLastReadWithinTheBoundToo() throws Exception {
    VersionLocationStore locations = new VersionLocationStore(db);
    locations.record(new VersionLocation(DATASET, "v1", "warehouse.profile_v1", "alice", T0));
    locations.record(new VersionLocation(DATASET, "v2", "warehouse.profile_v2", "job", T0));
    RoutingTableResolver resolver = resolver();
    List<ResolvedVersion> before = located(resolver, DATASET);
    assertThat(before)
        .containsOnly(
            new ResolvedVersion("v1", "warehouse.profile_v1"),
            new ResolvedVersion("v2", "warehouse.profile_v2"))
        .contains(new ResolvedVersion("v1", "warehouse.profile_v1"))
        .contains(new ResolvedVersion("v2", "warehouse.profile_v2"));
    assertThat(resolver.resolveWithLocation("features.orders", "k"))
        .isEqualTo(new ResolvedVersion("v41", null));

    proxy.cut();
    routing.upsert(entry(10_000), 2, T0);
    locations.record(new VersionLocation("features.orders", "v41", "warehouse.orders", "a", T0));
    clock.advance(MAX_AGE);
    assertThat(located(resolver, DATASET)).as("the last read").isEqualTo(before);
    assertThat(resolver.resolveWithLocation("features.orders", "k"))
        .as("recorded during the outage: not read yet")
        .isEqualTo(new ResolvedVersion("v41", null));
    clock.advance(MAX_STALE.minus(MAX_AGE));
    assertThatThrownBy(() -> resolver.resolveWithLocation(DATASET, "customer-42"))
        .isInstanceOf(RoutingUnavailableException.class)
        .hasMessageContaining("'" + DATASET + "'")
        .hasMessageContaining("maximum staleness is PT5M");

    proxy.restore();
    clock.advance(MAX_AGE);
    assertThat(located(resolver, DATASET))
        .containsOnly(new ResolvedVersion("v2", "warehouse.profile_v2"));
    assertThat(resolver.resolveWithLocation("features.orders", "k"))
        .isEqualTo(new ResolvedVersion("v41", "warehouse.orders"));
    assertThat(outages).containsExactly("started, last read " + T0, "ended after PT5M");
  }

  private static List<ResolvedVersion> located(RoutingTableResolver resolver, String dataset) {
    List<ResolvedVersion> resolved = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      resolved.add(resolver.resolveWithLocation(dataset, "customer-" + i));
    }
    return resolved;
  }

  @Test
  void withoutAFirstReadThereIsNothingToServe() throws Exception {
    proxy.cut();
    RoutingTableResolver resolver = resolver();

    assertThatThrownBy(() -> resolver.resolve(DATASET, "customer-42"))
        .isInstanceOf(RoutingUnavailableException.class)
        .hasMessageContaining("'" + DATASET + "'")
        .hasMessageContaining("never read");
    assertThat(resolver.servingStale()).isTrue();
    assertThat(resolver.lastSuccessfulRead()).isEmpty();
    assertThat(outages).containsExactly("started, last read null");
  }

  @Test
  void anErrorThatWaitingDoesNotCureFailsAtOnce() throws Exception {
    RoutingTableResolver resolver = resolver();
    answers(resolver);
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      // The resolver reads the view (V6); a renamed table would be followed by the view.
      statement.execute("ALTER VIEW cohort_routing_location RENAME TO cohort_routing_moved");
    }
    clock.advance(MAX_AGE);

    assertThatThrownBy(() -> resolver.resolve(DATASET, "customer-42"))
        .isInstanceOf(RoutingUnavailableException.class)
        .hasMessageContaining("'" + DATASET + "'")
        .hasMessageContaining("SQLState 42P01")
        .hasMessageContaining("waiting does not cure");
    assertThat(resolver.servingStale()).as("not an outage").isFalse();
    assertThat(outages).isEmpty();
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void maxStaleEqualToMaxAgeFailsAtTheFirstFailedRefresh() throws Exception {
    RoutingTableResolver resolver =
        new RoutingTableResolver(proxied(), MAX_AGE, MAX_AGE, clock, recorder());
    assertThat(resolver.resolve("features.orders", "k")).isEqualTo("v41");
    proxy.cut();
    clock.advance(MAX_AGE);

    assertThatThrownBy(() -> resolver.resolve("features.orders", "k"))
        .isInstanceOf(RoutingUnavailableException.class)
        .hasMessageContaining("maximum staleness is PT10S");
  }

  @Test
  void theBoundIsCheckedAndDefaultsToFiveMinutes() {
    assertThatThrownBy(
            () -> new RoutingTableResolver(db, MAX_AGE, Duration.ofSeconds(9), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxStale is PT9S, must be at least maxAge (PT10S)");
    assertThat(new RoutingTableResolver(db, MAX_AGE).maxStale()).isEqualTo(Duration.ofMinutes(5));
    assertThat(new RoutingTableResolver(db, Duration.ofMinutes(7)).maxStale())
        .isEqualTo(Duration.ofMinutes(7));
  }

  private RoutingTableResolver resolver() {
    return new RoutingTableResolver(proxied(), MAX_AGE, MAX_STALE, clock, recorder());
  }

  private RoutingTableResolver.OutageListener recorder() {
    return new RoutingTableResolver.OutageListener() {
      @Override
      public void outageStarted(Instant lastRead, SQLException cause) {
        outages.add("started, last read " + lastRead);
      }

      @Override
      public void outageEnded(Duration outage) {
        outages.add("ended after " + outage);
      }
    };
  }

  /** The versions of 200 consumers of the routed dataset, and the alias-only dataset's. */
  private static List<String> answers(RoutingTableResolver resolver) {
    List<String> versions = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      versions.add(resolver.resolve(DATASET, "customer-" + i));
    }
    assertThat(resolver.resolve("features.orders", "customer-1")).isEqualTo("v41");
    return versions;
  }

  private static RoutingEntry entry(int exposure) {
    return new RoutingEntry(DATASET, "v1", "v2", exposure, "rollout-7", 1);
  }

  private JdbcSettings proxied() {
    String url = db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    return new JdbcSettings(url, db.user(), db.password(), TIMEOUTS);
  }

  /** A clock the test moves. */
  private static final class TestClock extends Clock {

    private volatile Instant now = T0;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock has one zone");
    }
  }

  /** The resolver's log lines at INFO and above, as "LEVEL message". */
  private static final class CapturedLog extends AbstractAppender {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LogManager.getLogger(RoutingTableResolver.class);
    private Level previous;

    CapturedLog() {
      super("resolver-log", null, null, true, Property.EMPTY_ARRAY);
    }

    void attach() {
      start();
      previous = logger.getLevel();
      logger.addAppender(this);
      logger.setLevel(Level.INFO);
    }

    void detach() {
      logger.removeAppender(this);
      logger.setLevel(previous);
      stop();
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    @Override
    public void append(LogEvent event) {
      lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }
  }
}
