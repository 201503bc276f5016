package io.driftgate.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The Kubernetes manifests in {@code k8s/}, read as YAML documents, and where they come from. */
final class Manifests {

  static final YAMLMapper YAML = new YAMLMapper();
  static final String FLINK_MAIN_CONTAINER = "flink-main-container";

  private Manifests() {}

  /** One YAML document of one file ({@code index} counts the documents of a file from 0). */
  record Doc(Path file, int index, JsonNode node) {
    String kind() {
      return node.path("kind").asText(null);
    }

    String name() {
      return node.path("metadata").path("name").asText(null);
    }

    JsonNode spec() {
      return node.path("spec");
    }

    boolean isKustomization() {
      return "Kustomization".equals(kind())
          && node.path("apiVersion").asText().startsWith("kustomize.config.k8s.io/");
    }

    @Override
    public String toString() {
      return repo().relativize(file) + "#" + index + " (" + kind() + " " + name() + ")";
    }
  }

  static Path repo() {
    return Path.of(System.getProperty("driftgate.repo", ".")).toAbsolutePath().normalize();
  }

  static Path k8s() {
    return repo().resolve("k8s");
  }

  /**
   * The operator's CRDs, kept as third-party test fixtures with their origin and license in {@code
   * src/test/resources/k8s-crds/README.md}.
   */
  static Path crdDirectory() {
    return repo().resolve("src/test/resources/k8s-crds");
  }

  /** Every YAML document of every file, in order. */
  static List<Doc> read(Path file) {
    List<Doc> docs = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      int index = 0;
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          docs.add(new Doc(file, index, node));
        }
        index++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return docs;
  }

  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kustomization files under {@code k8s/}, by their folder. */
  static Map<Path, JsonNode> kustomizations() {
    Map<Path, JsonNode> result = new LinkedHashMap<>();
    for (Path file : yamlFiles(k8s())) {
      String name = file.getFileName().toString();
      if (name.equals("kustomization.yaml") || name.equals("kustomization.yml")) {
        List<Doc> docs = read(file);
        assertThat(docs).as("%s holds one document", file).hasSize(1);
        result.put(file.getParent(), docs.get(0).node());
      }
    }
    return result;
  }

  /**
   * The files kustomize reads as inputs, not manifests: configMapGenerator sources and {@code
   * configurations} (transformer settings).
   */
  static Set<Path> kustomizeInputs() {
    Set<Path> inputs = new LinkedHashSet<>();
    kustomizations()
        .forEach(
            (dir, kustomization) -> {
              for (JsonNode configuration : kustomization.path("configurations")) {
                inputs.add(dir.resolve(configuration.asText()).normalize());
              }
              for (JsonNode generator : kustomization.path("configMapGenerator")) {
                for (JsonNode file : generator.path("files")) {
                  inputs.add(dir.resolve(generatorFile(file.asText())).normalize());
                }
              }
            });
    return inputs;
  }

  /** {@code key=path} or {@code path}: the path. */
  static String generatorFile(String entry) {
    int equals = entry.indexOf('=');
    return equals < 0 ? entry : entry.substring(equals + 1);
  }

  /** Every document of every manifest under {@code k8s/}, kustomizations included. */
  static List<Doc> all() {
    Set<Path> inputs = kustomizeInputs();
    List<Doc> docs = new ArrayList<>();
    for (Path file : yamlFiles(k8s())) {
      if (!inputs.contains(file.normalize())) {
        docs.addAll(read(file));
      }
    }
    return docs;
  }

  static List<Doc> ofKind(List<Doc> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.kind())).toList();
  }

  /** The flinkConfiguration of a FlinkDeployment as a flat map of strings. */
  static Map<String, String> flinkConfiguration(JsonNode deployment) {
    Map<String, String> config = new LinkedHashMap<>();
    deployment
        .path("spec")
        .path("flinkConfiguration")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  /** The podTemplate's {@code flink-main-container}, or a missing node. */
  static JsonNode mainContainer(JsonNode deployment) {
    for (JsonNode container :
        deployment.path("spec").path("podTemplate").path("spec").path("containers")) {
      if (FLINK_MAIN_CONTAINER.equals(container.path("name").asText())) {
        return container;
      }
    }
    return YAML.missingNode();
  }

  static ObjectNode object() {
    return YAML.createObjectNode();
  }
}
