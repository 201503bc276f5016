package io.driftgate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteLatencyTest {

  private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
  private final WriteLatency latency = new WriteLatency(millis::get);

  @Test
  void aWriteCountsFromReceiptSoTheWaitForItsCheckpointCounts() {
    assertThat(latency.getValue()).as("before the first write").isZero();
    long received = millis.get();
    millis.addAndGet(500);

    latency.writing(received);
    assertThat(latency.getValue()).as("its checkpoint just completed").isEqualTo(500);
    millis.addAndGet(40);
    assertThat(latency.getValue()).as("while waiting for the database").isEqualTo(540);
    millis.addAndGet(2);
    latency.written();
    millis.addAndGet(60_000);

    assertThat(latency.getValue()).as("idle: the last write").isEqualTo(542);
  }

  @Test
  void aClockSetBackReadsZeroNotANegativeWait() {
    latency.writing(millis.get() + 1_000);

    assertThat(latency.getValue()).isZero();
  }
}
