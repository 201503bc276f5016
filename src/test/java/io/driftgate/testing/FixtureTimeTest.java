package io.driftgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class FixtureTimeTest {

  @Test
  void theBaseIsFixedUnlessThePropertyMovesItAndStaysOnAMinute() {
    assertThat(FixtureTime.base(null)).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(FixtureTime.base(" ")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(FixtureTime.base("2024-12-01T09:17:42.5Z"))
        .isEqualTo(Instant.parse("2024-12-01T09:17:00Z"));
    assertThat(FixtureTime.T0)
        .isEqualTo(FixtureTime.base(System.getProperty(FixtureTime.PROPERTY)));
  }

  @Test
  void aMalformedBaseFailsLoudly() {
    assertThatThrownBy(() -> FixtureTime.base("last year"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
