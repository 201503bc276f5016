package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcSettingsTest {

  @Test
  void toStringHidesThePassword() {
    JdbcSettings settings = new JdbcSettings("jdbc:postgresql://db/x", "driftgate", "s3cret");

    assertThat(settings.toString()).doesNotContain("s3cret").contains("driftgate", "****");
    assertThat(new JdbcSettings("jdbc:h2:mem:x", "sa", null).toString()).contains("<none>");
  }

  @Test
  void rejectsWhatIsNotAJdbcUrl() {
    assertThatThrownBy(() -> new JdbcSettings("postgresql://db/x", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:");
  }
}
