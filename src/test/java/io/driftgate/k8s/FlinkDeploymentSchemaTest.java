package io.driftgate.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.k8s.Manifests.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code FlinkDeployment} and {@code FlinkSessionJob} in {@code k8s/} (base documents and
 * overlay patches, and each kustomization as rendered, by kubectl where installed) is valid against
 * the Flink Kubernetes Operator's CRD schema ({@code src/test/resources/k8s-crds/}).
 */
class FlinkDeploymentSchemaTest {

  private static List<CrdSchema> crds;

  @BeforeAll
  static void loadCrds() throws IOException {
    Path dir = Manifests.crdDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      crds =
          files
              .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
              .sorted()
              .map(CrdSchema::load)
              .toList();
    }
    assertThat(crds).extracting(CrdSchema::kind).contains("FlinkDeployment", "FlinkSessionJob");
  }

  @Test
  void everyFlinkResourceInK8sMatchesTheCrd() {
    List<Doc> flinkDocs =
        Manifests.all().stream()
            .filter(d -> d.node().path("apiVersion").asText().startsWith("flink.apache.org/"))
            .toList();
    assertThat(flinkDocs).extracting(Doc::kind).contains("FlinkDeployment");
    assertValid(flinkDocs);
  }

  @Test
  void theSchemaRejectsWhatTheApiServerWould() {
    Doc base = baseDeployment();

    ObjectNode unknownField = base.node().deepCopy();
    ((ObjectNode) unknownField.path("spec").path("job")).put("upgradeMod", "savepoint");
    assertThat(schemaFor(unknownField).validate(unknownField))
        .anySatisfy(m -> assertThat(m).contains("upgradeMod"));

    ObjectNode badVersion = base.node().deepCopy();
    ((ObjectNode) badVersion.path("spec")).put("flinkVersion", "v2_9");
    assertThat(schemaFor(badVersion).validate(badVersion))
        .anySatisfy(m -> assertThat(m).contains("flinkVersion"));

    ObjectNode badPort = base.node().deepCopy();
    ((ObjectNode) Manifests.mainContainer(badPort).path("ports").get(0))
        .put("containerPort", "nine");
    assertThat(schemaFor(badPort).validate(badPort))
        .anySatisfy(m -> assertThat(m).contains("containerPort"));
  }

  @Test
  void flinkVersionIsTheCrdsValueForTheFlinkWeBuildAgainst() {
    String flink = K8sManifestsTest.pomProperty("flink.version"); // e.g. 2.2.0
    String[] parts = flink.split("\\.");
    String expected = "v" + parts[0] + "_" + parts[1];
    for (Doc doc : Manifests.ofKind(Manifests.all(), "FlinkDeployment")) {
      if (doc.spec().has("flinkVersion")) {
        assertThat(doc.spec().path("flinkVersion").asText()).as("%s", doc).isEqualTo(expected);
      }
    }
  }

  @Test
  void everyRenderedKustomizationMatchesTheCrd() {
    for (Path dir : Manifests.kustomizations().keySet()) {
      List<Doc> rendered = Kustomize.render(dir);
      List<Doc> deployments = Manifests.ofKind(rendered, "FlinkDeployment");
      assertThat(deployments).as("FlinkDeployments rendered from %s", dir).hasSize(1);
      assertValid(deployments);
    }
  }

  static Doc baseDeployment() {
    return Manifests.ofKind(
            Manifests.read(Manifests.k8s().resolve("base/flinkdeployment.yaml")), "FlinkDeployment")
        .get(0);
  }

  private static void assertValid(List<Doc> docs) {
    List<String> problems = new ArrayList<>();
    for (Doc doc : docs) {
      for (String problem : schemaFor(doc.node()).validate(doc.node())) {
        problems.add(doc + ": " + problem);
      }
    }
    assertThat(problems).as("CRD schema violations").isEmpty();
  }

  private static CrdSchema schemaFor(JsonNode manifest) {
    return crds.stream()
        .filter(crd -> crd.covers(manifest))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no CRD in src/test/resources/k8s-crds serves "
                        + manifest.path("apiVersion").asText()
                        + " "
                        + manifest.path("kind").asText()));
  }
}
