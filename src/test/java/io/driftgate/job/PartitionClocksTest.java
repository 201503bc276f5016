package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.junit.jupiter.api.Test;

class PartitionClocksTest {

  @Test
  void aRecordIsLateOnlyAgainstItsOwnPartitionsNewestTime() {
    PartitionClocks clocks = new PartitionClocks(100);

    assertThat(clocks.late(3, 1_000)).isFalse();
    assertThat(clocks.late(3, 900)).as("exactly the bound behind").isFalse();
    assertThat(clocks.late(3, 899)).isTrue();
    assertThat(clocks.late(0, 10)).as("another partition").isFalse();
    assertThat(clocks.late(PartitionClocks.UNPARTITIONED, 5)).isFalse();
    assertThat(clocks.late(-7, 4))
        .as("every negative partition is the unpartitioned one")
        .isFalse();
    assertThat(clocks.late(-1, -96)).isTrue();
    assertThat(clocks.newest(3)).isEqualTo(1_000);
    assertThat(clocks.newest(9)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aLateRecordDoesNotMoveItsPartitionsClock() {
    PartitionClocks clocks = new PartitionClocks(0);
    clocks.late(1, 50);
    clocks.late(1, 10);

    assertThat(clocks.newest(1)).isEqualTo(50);
    assertThat(clocks.late(1, 49)).isTrue();
  }

  @Test
  void timesNearTheEndsOfTheRangeNeitherWrapNorCountAsLate() {
    PartitionClocks clocks = new PartitionClocks(1_000);

    assertThat(clocks.late(0, Long.MIN_VALUE + 10)).isFalse();
    assertThat(clocks.late(0, Long.MIN_VALUE)).as("within the bound of the newest").isFalse();
    assertThat(clocks.late(0, Long.MAX_VALUE)).isFalse();
    assertThat(clocks.late(0, 0)).isTrue();
  }

  @Test
  void restoredClocksKeepTheNewestOfRepeatedEntries() {
    PartitionClocks saved = new PartitionClocks(10);
    saved.late(0, 500);
    saved.late(2, 700);
    saved.late(-1, 300);

    PartitionClocks restored = new PartitionClocks(10);
    restored.restore(saved.snapshot());
    restored.restore(List.of(Tuple2.of(2, 600L)));

    assertThat(saved.snapshot())
        .containsExactly(Tuple2.of(-1, 300L), Tuple2.of(0, 500L), Tuple2.of(2, 700L));
    assertThat(restored.snapshot()).isEqualTo(saved.snapshot());
    assertThat(restored.late(2, 689)).isTrue();
    assertThat(restored.late(1, 0)).isFalse();
  }
}
