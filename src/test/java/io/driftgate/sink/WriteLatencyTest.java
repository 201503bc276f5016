package io.driftgate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteLatencyTest {

  private static final long MS = 1_000_000;

  private final AtomicLong nanos = new AtomicLong(5_000 * MS);
  private final WriteLatency latency = new WriteLatency(nanos::get);

  @Test
  void aWriteInProgressCountsItsTimeSoFarAndAFinishedOneItsTotal() {
    assertThat(latency.getValue()).as("before the first write").isZero();

    latency.started();
    nanos.addAndGet(40 * MS);
    assertThat(latency.getValue()).as("while waiting for the database").isEqualTo(40);
    nanos.addAndGet(2 * MS);
    latency.finished();
    nanos.addAndGet(60_000 * MS);

    assertThat(latency.getValue()).as("idle: the last write").isEqualTo(42);
  }
}
