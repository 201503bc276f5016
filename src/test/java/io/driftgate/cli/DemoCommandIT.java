package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, exactly as a newcomer types it, in a fresh process: it must print the
 * timeline with one promotion and one automatic rollback, then the final alias table.
 */
class DemoCommandIT {

  private static final List<String> COMMAND = List.of("./mvnw", "-q", "compile", "exec:exec@demo");

  /** The demo's options reach it through {@code -Ddemo.args}, as the README shows. */
  private static final String DEMO_ARGS = "-Ddemo.args=--rate 25000";

  @Test
  void theReadmesDemoCommandPromotesV2AndRollsBackV3() throws Exception {
    Path repo = Path.of(System.getProperty("driftgate.repo", "."));
    assertThat(Files.readString(repo.resolve("README.md"))).contains(String.join(" ", COMMAND));
    File out = repo.resolve("target/demo-command.out").toFile();
    Process demo =
        new ProcessBuilder(concat(COMMAND, DEMO_ARGS))
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out)
            .start();
    try {
      assertThat(demo.waitFor(5, TimeUnit.MINUTES))
          .as("the demo finishes within 5 minutes")
          .isTrue();
    } finally {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }

    List<String> lines = Files.readAllLines(out.toPath());
    assertThat(demo.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines)
        .anyMatch(l -> l.contains(" records at 25,000/s."))
        .anyMatch(l -> l.startsWith("Flink web UI: http://localhost:"))
        .anyMatch(l -> l.matches("\\d\\d:\\d\\d  v2  PROMOTED .*"))
        .anyMatch(l -> l.matches("\\d\\d:\\d\\d  v3  ROLLED_BACK .*PERSISTENT_BREACH.*"))
        .anyMatch(l -> l.contains("evidence null_rate_drift:churn_score"))
        .anyMatch(l -> l.equals("dataset_alias"))
        .anyMatch(l -> l.matches(" +features\\.customer_profile +v2 +3 .*PERSISTENT_BREACH"));
  }

  private static List<String> concat(List<String> command, String argument) {
    List<String> all = new java.util.ArrayList<>(command);
    all.add(argument);
    return all;
  }
}
