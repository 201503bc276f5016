package io.driftgate.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' shape: stable uids, and every panel, target, annotation and variable naming a
 * provisioned datasource of the right kind — so nothing depends on Grafana's default datasource.
 */
class DashboardStructureTest {

  private static final Map<String, String> EXPECTED_UIDS =
      Map.of(
          "driftgate-rollout-overview.json", "driftgate-rollout-overview",
          "driftgate-drift.json", "driftgate-drift",
          "driftgate-data-quality.json", "driftgate-data-quality",
          "driftgate-audit.json", "driftgate-audit");

  @Test
  void theFourDashboardsHaveTheirStableUids() {
    Map<String, String> uids = new HashMap<>();
    for (Path file : Dashboards.files()) {
      uids.put(file.getFileName().toString(), Dashboards.read(file).path("uid").asText());
    }
    assertThat(uids).containsExactlyInAnyOrderEntriesOf(EXPECTED_UIDS);
    assertThat(new HashSet<>(uids.values())).hasSameSizeAs(uids.values());
  }

  @Test
  void everyPanelAndTargetNamesAProvisionedDatasourceOfItsKind() {
    Map<String, String> provisioned = provisionedDatasources();
    List<String> problems = new ArrayList<>();
    for (Path file : Dashboards.files()) {
      JsonNode dashboard = Dashboards.read(file);
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : Dashboards.panels(dashboard)) {
        String where = file.getFileName() + " panel \"" + panel.path("title").asText() + "\"";
        if (!ids.add(panel.path("id").asInt())) {
          problems.add(where + ": duplicate id " + panel.path("id"));
        }
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        check(where, panel.path("datasource"), provisioned, problems);
        assertThat(panel.path("targets").size()).as(where + " has targets").isPositive();
        for (JsonNode target : panel.path("targets")) {
          check(
              where + " " + target.path("refId").asText(),
              target.path("datasource"),
              provisioned,
              problems);
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        check(
            file.getFileName() + " variable " + variable.path("name").asText(),
            variable.path("datasource"),
            provisioned,
            problems);
      }
      for (JsonNode annotation : dashboard.path("annotations").path("list")) {
        if (annotation.path("builtIn").asInt() != 1) {
          check(
              file.getFileName() + " annotation " + annotation.path("name").asText(),
              annotation.path("datasource"),
              provisioned,
              problems);
        }
      }
    }
    for (Dashboards.Query query : Dashboards.queries()) {
      boolean sql = !query.text().isEmpty() && query.isSql();
      boolean promQl = !query.text().isEmpty() && query.isPromQl();
      if (!sql && !promQl) {
        problems.add(query + ": no PromQL expr on Prometheus nor rawSql on PostgreSQL");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void provisioningTakesAddressesAndSecretsFromTheEnvironment() throws IOException {
    JsonNode datasources = Dashboards.yaml(Dashboards.DATASOURCES).path("datasources");
    for (JsonNode ds : datasources) {
      assertThat(ds.path("url").asText()).as(ds.path("uid") + " url").startsWith("$");
      ds.path("secureJsonData")
          .forEach(
              secret ->
                  assertThat(secret.asText()).as("secret of " + ds.path("uid")).startsWith("$"));
    }
    JsonNode postgres = datasources.get(1);
    assertThat(postgres.path("user").asText()).startsWith("$");
    assertThat(postgres.path("jsonData").path("database").asText()).startsWith("$");
    assertThat(postgres.has("password")).as("no plain-text password field").isFalse();
    assertThat(Files.readString(Dashboards.DATASOURCES).toLowerCase())
        .doesNotContainPattern("password:\\s*[^$\\s]");

    JsonNode providers = Dashboards.yaml(Dashboards.PROVIDERS).path("providers");
    assertThat(providers.size()).isEqualTo(1);
    assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
    assertThat(providers.get(0).path("options").path("path").asText()).isNotBlank();
  }

  @Test
  void everyDashboardIsMirroredForKubernetes() throws IOException {
    for (Path file : Dashboards.files()) {
      Path copy = Path.of("k8s/base/dashboards").resolve(file.getFileName());
      assertThat(copy).as("copy of " + file).exists();
      assertThat(Files.readString(copy)).as(copy + " is stale").isEqualTo(Files.readString(file));
    }
  }

  private static Map<String, String> provisionedDatasources() {
    Map<String, String> byUid = new HashMap<>();
    for (JsonNode ds : Dashboards.yaml(Dashboards.DATASOURCES).path("datasources")) {
      byUid.put(ds.path("uid").asText(), ds.path("type").asText());
    }
    assertThat(byUid)
        .containsEntry("driftgate-prometheus", Dashboards.PROMETHEUS)
        .containsEntry("driftgate-postgres", Dashboards.POSTGRES);
    return byUid;
  }

  private static void check(
      String where, JsonNode ds, Map<String, String> provisioned, List<String> problems) {
    String uid = ds.path("uid").asText();
    if (!provisioned.containsKey(uid)) {
      problems.add(where + ": datasource uid '" + uid + "' is not provisioned");
    } else if (!provisioned.get(uid).equals(ds.path("type").asText())) {
      problems.add(
          where
              + ": datasource "
              + uid
              + " has type "
              + ds.path("type")
              + ", provisioned as "
              + provisioned.get(uid));
    }
  }
}
