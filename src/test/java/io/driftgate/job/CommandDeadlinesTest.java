package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.rollout.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** When a command stops waiting for the watermark. */
class CommandDeadlinesTest {

  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
  private static final GateInput PAUSE =
      new GateInput.Control(new Command.Pause("c-pause", "it.features", "ops", AT));
  private static final CommandDeadlines TWO_SECONDS = CommandDeadlines.after(Duration.ofSeconds(2));

  @Test
  void aCommandWaitsTheMaxDelayFromWhenItWasRead() {
    long readAt = AT.toEpochMilli() + 60_000;

    assertThat(TWO_SECONDS.of(PAUSE, readAt)).hasValue(readAt + 2_000);
  }

  @Test
  void aCommandDatedAheadWaitsFromItsOwnTime() {
    long readAt = AT.toEpochMilli() - 3_600_000;

    assertThat(TWO_SECONDS.of(PAUSE, readAt)).hasValue(AT.toEpochMilli() + 2_000);
  }

  @Test
  void windowsAndBoundedJobsHaveNoDeadline() {
    GateInput window =
        new GateInput.Window(new WindowProfile("it.features", "v1", 0, 60_000, new byte[0]));

    assertThat(TWO_SECONDS.of(window, 0)).isEmpty();
    assertThat(CommandDeadlines.none().of(PAUSE, 0)).isEmpty();
  }

  @Test
  void onlyAJobThatReadsWithoutEndGivesCommandsADeadline() {
    Configuration config = new Configuration();
    config.setString("driftgate.kafka.bootstrap-servers", "kafka:9092");
    config.setString("driftgate.jdbc.url", "jdbc:postgresql://db/driftgate");
    config.setString("driftgate.control.max-delay", "5 s");

    assertThat(deadlines(config).of(PAUSE, 0)).hasValue(AT.toEpochMilli() + 5_000);
    config.setString("driftgate.kafka.bounded", "true");
    assertThat(deadlines(config).of(PAUSE, 0)).isEmpty();
  }

  private static CommandDeadlines deadlines(Configuration config) {
    JobSettings settings = JobSettings.from(config, true);
    return DriftgatePipeline.deadlines(
        settings, new KafkaEnds(settings, new ContractCatalog(List.of())));
  }
}
