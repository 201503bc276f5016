package io.driftgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.store.StatusReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command, unthrottled: one promotion, one automatic rollback, the tables. */
class DemoTest {

  @Test
  void demoPromotesV2AndRollsBackV3AtTwentyFivePercent() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    PrintStream console = System.out;
    System.setOut(out); // the timeline is printed by the job's console sink
    io.driftgate.store.JdbcSettings db;
    try {
      db = Demo.run(Path.of("contracts"), 1e9, out);
    } finally {
      System.setOut(console);
    }

    String printed = buffer.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.lines().toList();
    assertThat(lines).anyMatch(l -> l.matches("09:2\\d  v2  PROMOTED .*"));
    // v3 drifts only from minute 121, after reaching 25%: pooled over its rollout, the rise of its
    // churn scores' null rate against v2's is what persists first, and rolls it back in that stage.
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    ".*v3  HELD +exposure +25.00%.*BREACH_PERSISTING:"
                        + " null_rate_drift:churn_score.*"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    ".*v3  ROLLED_BACK +exposure +0.00% +PERSISTENT_BREACH:"
                        + " null_rate_drift:churn_score breached 3 consecutive evaluations.*"))
        .anyMatch(
            l ->
                l.contains("evidence null_rate_drift:churn_score")
                    && l.contains("n 49999 vs 50000"))
        .anyMatch(l -> l.contains("dead letter MALFORMED_JSON"));
    assertThat(printed).contains("dataset_alias").contains("rollout_event");
    assertThat(new StatusReader(db).aliases())
        .singleElement()
        .satisfies(
            alias -> {
              assertThat(alias.version()).isEqualTo("v2");
              assertThat(alias.reason()).isEqualTo("PERSISTENT_BREACH");
            });
  }
}
