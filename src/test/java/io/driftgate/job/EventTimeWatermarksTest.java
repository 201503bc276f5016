package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The watermark trails the newest event time without wrapping around the epoch-millis range. */
class EventTimeWatermarksTest {

  @Test
  void aWatermarkNearTheStartOfTimeSaturatesInsteadOfWrapping() {
    assertThat(EventTimeWatermarks.behind(10_000, 5_000)).isEqualTo(4_999);
    assertThat(EventTimeWatermarks.behind(Long.MIN_VALUE + 1, 5_000)).isEqualTo(Long.MIN_VALUE);
    assertThat(EventTimeWatermarks.behind(Long.MIN_VALUE + 5_001, 5_000)).isEqualTo(Long.MIN_VALUE);
    assertThat(EventTimeWatermarks.behind(Long.MIN_VALUE + 5_002, 5_000))
        .isEqualTo(Long.MIN_VALUE + 1);
    assertThat(EventTimeWatermarks.behind(Long.MAX_VALUE, 0)).isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void windowsAtTheEndsOfTheRangeAreRefusedAndTheRestComputedExactly() {
    EventWindows windows = new EventWindows(60_000);

    assertThat(windows.has(Long.MIN_VALUE + 1)).isFalse();
    assertThat(windows.has(Long.MAX_VALUE)).isFalse();
    assertThat(windows.has(Long.MAX_VALUE - 60_000)).isTrue();
    assertThat(windows.last(windows.start(Long.MAX_VALUE - 60_000)))
        .isEqualTo(9_223_372_036_854_719_999L);
    assertThat(windows.start(Long.MIN_VALUE + 60_000)).isEqualTo(-9_223_372_036_854_720_000L);
    assertThat(windows.start(-1)).isEqualTo(-60_000);
  }
}
