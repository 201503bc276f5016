package io.driftgate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.store.HeldConnection;
import io.driftgate.store.TestDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

class JdbcCommitterTest {

  private final List<String> written = new ArrayList<>();
  private final WriteLatency latency = new WriteLatency(() -> 10_000);

  @Test
  void completedCheckpointsAreWrittenInOrderTimedFromReceipt() throws Exception {
    try (JdbcCommitter<String> committer = committer(written::add)) {
      committer.commit(
          List.of(request(new Received<>("promoted", 9_000), new Received<>("held", 9_500))));
      committer.commit(List.of(request(new Received<>("rolled back", 9_900))));
    }

    assertThat(written).containsExactly("promoted", "held", "rolled back");
    assertThat(latency.getValue()).as("the last row, 100 ms after its receipt").isEqualTo(100);
  }

  @Test
  void aWriteThatCannotSucceedFailsTheCommitAndWritesNothingAfterIt() throws Exception {
    JdbcWrite.Writer<String> missingTable =
        element -> {
          if (element.equals("bad")) {
            throw new SQLException("no such table", "42P01");
          }
          written.add(element);
        };
    FakeRequest failing = request(new Received<>("ok", 1), new Received<>("bad", 2));
    FakeRequest after = request(new Received<>("later", 3));

    try (JdbcCommitter<String> committer = committer(missingTable)) {
      assertThatThrownBy(() -> committer.commit(List.of(failing, after)))
          .hasRootCauseMessage("no such table");
    }

    assertThat(failing.failure).hasMessageContaining("SQLState 42P01").hasMessageContaining("bad");
    assertThat(written).containsExactly("ok");
  }

  @Test
  void aCancelledWaitLeavesTheInterruptForTheCommittersAfterIt() throws Exception {
    JdbcWrite.Writer<String> unreachable =
        element -> {
          throw new SQLException("connection refused", "08001");
        };
    try (JdbcCommitter<String> committer = committer(unreachable)) {
      Thread.currentThread().interrupt();

      assertThatThrownBy(() -> committer.commit(List.of(request(new Received<>("rolled back", 1)))))
          .isInstanceOf(InterruptedException.class);
      assertThat(Thread.interrupted()).as("still interrupted, and now cleared").isTrue();
    }
  }

  private JdbcCommitter<String> committer(JdbcWrite.Writer<String> store) {
    HeldConnection connection = new HeldConnection(TestDatabases.emptyH2());
    RetryingWriter<String> writer =
        new RetryingWriter<>(store, connection, RetryPolicy.DEFAULTS, new SimpleCounter());
    return new JdbcCommitter<>(writer, latency, "jdbc:test");
  }

  @SafeVarargs
  private static FakeRequest request(Received<String>... elements) {
    return new FakeRequest(new PendingWrites<>(List.of(elements)));
  }

  /** A request as Flink hands it over; an unknown failure throws, as Flink's does. */
  private static final class FakeRequest implements CommitRequest<PendingWrites<String>> {
    private final PendingWrites<String> committable;
    private Throwable failure;

    FakeRequest(PendingWrites<String> committable) {
      this.committable = committable;
    }

    @Override
    public PendingWrites<String> getCommittable() {
      return committable;
    }

    @Override
    public int getNumberOfRetries() {
      return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
      throw new AssertionError("a batch must never be dropped", t);
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
      failure = t;
      throw new IllegalStateException("Failed to commit " + committable, t);
    }

    @Override
    public void retryLater() {
      throw new AssertionError("retryLater is no wait");
    }

    @Override
    public void updateAndRetryLater(PendingWrites<String> committable) {
      retryLater();
    }

    @Override
    public void signalAlreadyCommitted() {}
  }
}
