package io.driftgate.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The alert rules against the runbook they send the person on call to: a {@code runbook} annotation
 * must name a section that exists (a renamed heading would otherwise leave the link dead,
 * silently), and the runbook's table of alerts must say what every alert means. Whether their
 * expressions name real metrics is {@link DashboardQueriesTest}'s.
 */
class AlertRulesTest {

  private static final Path RUNBOOK = Path.of("docs/runbook.md");
  private static final String PREFIX = "docs/runbook.md#";

  @Test
  void everyRunbookAnnotationNamesASectionOfTheRunbook() throws IOException {
    Set<String> anchors = anchors();
    List<String> dead = new ArrayList<>();
    int linked = 0;
    for (JsonNode rule : Dashboards.alertRules()) {
      JsonNode runbook = rule.path("annotations").path("runbook");
      if (runbook.isMissingNode()) {
        continue;
      }
      linked++;
      String link = runbook.asText();
      if (!link.startsWith(PREFIX) || !anchors.contains(link.substring(PREFIX.length()))) {
        dead.add(rule.path("alert").asText() + ": " + link);
      }
    }
    assertThat(linked).isGreaterThanOrEqualTo(8);
    assertThat(dead).as("runbook links without a section; sections: %s", anchors).isEmpty();
  }

  @Test
  void theRunbooksTableSaysWhatEveryAlertMeans() throws IOException {
    String runbook = Files.readString(RUNBOOK);
    List<JsonNode> rules = Dashboards.alertRules();
    assertThat(rules).isNotEmpty();
    for (JsonNode rule : rules) {
      String alert = rule.path("alert").asText();
      assertThat(runbook).as("docs/runbook.md lists " + alert).contains("| `" + alert + "` |");
    }
  }

  /** The anchors GitHub gives the runbook's headings: lower case, punctuation dropped, dashes. */
  private static Set<String> anchors() throws IOException {
    Set<String> anchors = new TreeSet<>();
    for (String line : Files.readAllLines(RUNBOOK)) {
      if (line.startsWith("#")) {
        anchors.add(
            line.replaceFirst("^#+ ", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 -]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }
}
