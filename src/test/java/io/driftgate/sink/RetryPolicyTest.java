package io.driftgate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoffDoublesUpToItsCap() {
    RetryPolicy policy = RetryPolicy.DEFAULTS;

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(7)).isEqualTo(Duration.ofMillis(6_400));
    assertThat(policy.backoff(8)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void byDefaultAWriteIsRetriedForeverElseUntilItsMaxDuration() {
    assertThat(RetryPolicy.DEFAULTS.allowsRetryAfter(Duration.ofDays(365))).isTrue();

    RetryPolicy bounded =
        new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(5));
    assertThat(bounded.allowsRetryAfter(Duration.ofMinutes(4))).isTrue();
    assertThat(bounded.allowsRetryAfter(Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void rejectsAMaxBackoffBelowTheInitialOne() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than the initial backoff");
  }
}
