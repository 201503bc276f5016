package io.driftgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbandonedCandidatesTest {

  @Test
  void remembersTheMostRecentCandidatesUpToItsCapacity() {
    AbandonedCandidates abandoned = AbandonedCandidates.NONE;
    for (int i = 0; i <= AbandonedCandidates.CAPACITY; i++) {
      abandoned = abandoned.plus("v" + i);
    }

    assertThat(abandoned.versions()).hasSize(AbandonedCandidates.CAPACITY);
    assertThat(abandoned.contains("v0")).isFalse();
    assertThat(abandoned.contains("v1")).isTrue();
    assertThat(abandoned.contains("v" + AbandonedCandidates.CAPACITY)).isTrue();
  }
}
