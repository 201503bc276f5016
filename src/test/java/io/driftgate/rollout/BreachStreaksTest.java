package io.driftgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BreachStreaksTest {

  @Test
  void breachCountsPassResetsNoDataKeepsAndOtherGatesAreUntouched() {
    BreachStreaks streaks =
        BreachStreaks.NONE
            .after(List.of(Gates.breach(Gates.AGE), Gates.breach(Gates.NULLS)))
            .after(List.of(Gates.noData(Gates.AGE), Gates.pass(Gates.NULLS)))
            .after(List.of(Gates.breach(Gates.AGE)));

    assertThat(streaks.of(Gates.AGE)).isEqualTo(2);
    assertThat(streaks.of(Gates.NULLS)).isZero();
    assertThat(streaks.counts()).containsOnlyKeys(Gates.AGE);
  }
}
