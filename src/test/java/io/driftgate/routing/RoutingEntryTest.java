package io.driftgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutingEntryTest {

  private static final String SALT = "orders-2024-11-v7";

  @Test
  void acceptsAnEntryWithoutACandidate() {
    assertThatCode(() -> new RoutingEntry("orders", "v1", null, 0, SALT, RoutingEntry.NO_STAGE))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsACandidateAtEitherEndOfTheExposureRange() {
    assertThat(new RoutingEntry("orders", "v1", "v2", 0, SALT, 0).exposureBasisPoints()).isZero();
    assertThat(new RoutingEntry("orders", "v1", "v2", 10_000, SALT, 3).exposureBasisPoints())
        .isEqualTo(10_000);
  }

  @Test
  void rejectsABlankDataset() {
    assertThatThrownBy(() -> new RoutingEntry(" ", "v1", null, 0, SALT, RoutingEntry.NO_STAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routing entry: dataset must not be blank");
  }

  @Test
  void rejectsAMissingBaseline() {
    assertThatThrownBy(() -> new RoutingEntry("orders", null, "v2", 100, SALT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routing entry for dataset 'orders': baselineVersion must not be blank");
  }

  @Test
  void rejectsExposureOutsideTheBasisPointRange() {
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", "v2", 10_001, SALT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': exposureBasisPoints is 10001, must be in 0..10000");
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", "v2", -1, SALT, 0))
        .hasMessageContaining("exposureBasisPoints is -1");
  }

  @Test
  void rejectsABlankSalt() {
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", "v2", 100, "", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routing entry for dataset 'orders': salt must not be blank");
  }

  @Test
  void rejectsASaltContainingTheSeparator() {
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", "v2", 100, "a\0b", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': salt must not contain U+0000, the salt/key"
                + " separator");
  }

  @Test
  void rejectsExposureWithoutACandidate() {
    assertThatThrownBy(
            () -> new RoutingEntry("orders", "v1", null, 500, SALT, RoutingEntry.NO_STAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': exposureBasisPoints is 500 without a"
                + " candidateVersion, must be 0");
  }

  @Test
  void rejectsAStageWithoutACandidate() {
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", null, 0, SALT, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': stage is 2 without a candidateVersion, must be -1");
  }

  @Test
  void rejectsABlankCandidate() {
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", "", 100, SALT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': candidateVersion must be null or not blank");
  }

  @Test
  void rejectsACandidateEqualToTheBaseline() {
    assertThatThrownBy(() -> new RoutingEntry("orders", "v1", "v1", 100, SALT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': candidateVersion equals baselineVersion 'v1'");
  }

  @Test
  void rejectsACandidateWithoutAStage() {
    assertThatThrownBy(
            () -> new RoutingEntry("orders", "v1", "v2", 100, SALT, RoutingEntry.NO_STAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "routing entry for dataset 'orders': stage is -1 with candidateVersion 'v2', must be"
                + " >= 0");
  }
}
