package io.driftgate.outcome;

import static io.driftgate.outcome.Routings.SALT_V2;
import static io.driftgate.outcome.Routings.T0;
import static io.driftgate.outcome.Routings.ended;
import static io.driftgate.outcome.Routings.exposing;
import static io.driftgate.outcome.Routings.hours;
import static io.driftgate.outcome.Routings.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.gate.RoutingUpdate;
import io.driftgate.routing.RoutingEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingHistoryTest {

  private static final Duration DAY = Duration.ofDays(1);

  private final RoutingUpdate start = update(1, T0, exposing("v2", 0, 0));
  private final RoutingUpdate stage = update(2, hours(1), exposing("v2", 1_000, 0));
  private final RoutingUpdate sameInstant = update(3, hours(1), exposing("v2", 2_000, 1));
  private final RoutingUpdate promoted = update(4, hours(30), ended("v2", SALT_V2));

  @Test
  void keepsUpdatesInTheOrderTheyTakeEffectAndIgnoresReplays() {
    RoutingHistory history =
        RoutingHistory.EMPTY
            .with(sameInstant, DAY)
            .with(start, DAY)
            .with(stage, DAY)
            .with(stage, DAY);

    assertThat(history.updates()).containsExactly(start, stage, sameInstant);
    assertThat(history.complete()).isTrue();
    assertThat(history.inForceAt(hours(1))).as("the later decision at one instant").isEqualTo(2);
    assertThat(history.inForceAt(T0.minusMillis(1))).isEqualTo(-1);
  }

  @Test
  void dropsWhatWasSupersededBeforeTheRetentionButKeepsTheEntryThenInForce() {
    RoutingHistory history =
        RoutingHistory.EMPTY.with(start, DAY).with(stage, DAY).with(promoted, DAY);

    assertThat(history.updates()).containsExactly(stage, promoted);
    assertThat(history.complete()).isFalse();
    assertThat(history.retainedFrom(hours(2))).isSameAs(history);
  }

  @Test
  void refusesUpdatesOfTwoDatasetsOrWithoutTime() {
    RoutingUpdate other =
        new RoutingUpdate(
            new RoutingEntry("other", "v1", null, 0, "other/v2", RoutingEntry.NO_STAGE),
            9,
            hours(2));

    assertThatThrownBy(() -> new RoutingHistory(List.of(start, other), true))
        .hasMessageContaining("cannot hold an update of other");
    assertThatThrownBy(() -> new RoutingHistory(List.of(stage, start), true))
        .hasMessageContaining("out of order");
    assertThatThrownBy(
            () -> new RoutingHistory(List.of(new RoutingUpdate(start.entry(), 1, null)), true))
        .hasMessageContaining("no time");
  }
}
