package io.driftgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.k8s.Manifests.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, when kubectl is installed: what {@code
 * kubectl apply -k} would send, generators and patches applied. Without kubectl, {@link #offline}
 * renders the resources (not the generated ConfigMaps) with the few kustomize features our
 * kustomizations use, so that the checks of the rendered pods run everywhere.
 */
final class Kustomize {

  private static volatile Boolean available;

  private Kustomize() {}

  /** Whether {@code kubectl kustomize} can run here; tests that need it are skipped otherwise. */
  static boolean available() {
    if (available == null) {
      available = probe();
    }
    return available;
  }

  /** kubectl's rendering where it is installed, {@link #offline} otherwise. */
  static List<Doc> render(Path dir) {
    return available() ? build(dir) : offline(dir);
  }

  private static boolean probe() {
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", "--help")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The documents {@code kubectl kustomize dir} prints. */
  static List<Doc> build(Path dir) {
    try {
      Path out = Files.createTempFile("kustomize-", ".yaml");
      Path errors = Files.createTempFile("kustomize-", ".err");
      try {
        Process process =
            new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectOutput(out.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              "kubectl kustomize "
                  + dir
                  + " failed:\n"
                  + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return Manifests.read(out);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The resources of a kustomization with its patches and namespace applied: strategic merge
   * patches as JSON merge patches (what kustomize does for a custom resource, whose lists it
   * replaces), inline patches with a target as JSON patches. Generators, labels and images are left
   * out; anything else a kustomization asks for fails, rather than render something kubectl would
   * not.
   */
  static List<Doc> offline(Path dir) {
    JsonNode kustomization = Manifests.kustomizations().get(dir.toAbsolutePath().normalize());
    if (kustomization == null) {
      throw new AssertionError(dir + " is no kustomization under k8s/");
    }
    for (Iterator<String> fields = kustomization.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!OFFLINE_FIELDS.contains(field)) {
        throw new AssertionError(dir + ": the offline rendering does not know '" + field + "'");
      }
    }
    List<Doc> docs = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        docs.addAll(offline(path));
      } else {
        for (Doc doc : Manifests.read(path)) {
          docs.add(new Doc(doc.file(), doc.index(), doc.node().deepCopy()));
        }
      }
    }
    for (JsonNode patch : kustomization.path("patches")) {
      if (patch.has("path")) {
        for (Doc change : Manifests.read(dir.resolve(patch.path("path").asText()))) {
          Doc target = only(docs, change.kind(), change.name(), dir);
          mergePatch((ObjectNode) target.node(), change.node());
        }
      } else {
        JsonNode target = patch.path("target");
        ArrayNode operations = (ArrayNode) readYaml(patch.path("patch").asText());
        for (Doc doc : docs) {
          if (selects(target, doc)) {
            operations.forEach(op -> jsonPatch((ObjectNode) doc.node(), op, dir));
          }
        }
      }
    }
    String namespace = kustomization.path("namespace").asText(null);
    if (namespace != null) {
      docs.forEach(d -> ((ObjectNode) d.node().path("metadata")).put("namespace", namespace));
    }
    return docs;
  }

  /** The kustomization fields {@link #offline} renders, or may leave out. */
  private static final List<String> OFFLINE_FIELDS =
      List.of(
          "apiVersion",
          "kind",
          "resources",
          "patches",
          "namespace",
          "labels",
          "configurations",
          "configMapGenerator");

  private static Doc only(List<Doc> docs, String kind, String name, Path dir) {
    List<Doc> matches =
        docs.stream().filter(d -> kind.equals(d.kind()) && name.equals(d.name())).toList();
    if (matches.size() != 1) {
      throw new AssertionError(dir + ": a patch of " + kind + " " + name + " matches " + matches);
    }
    return matches.get(0);
  }

  private static boolean selects(JsonNode target, Doc doc) {
    String apiVersion = doc.node().path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return (!target.has("kind") || target.path("kind").asText().equals(doc.kind()))
        && (!target.has("name") || target.path("name").asText().equals(doc.name()))
        && (!target.has("group") || target.path("group").asText().equals(group));
  }

  /** RFC 7386: objects merge field by field, null removes, anything else replaces. */
  private static void mergePatch(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode value = field.getValue();
      JsonNode current = target.get(field.getKey());
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && current != null && current.isObject()) {
        mergePatch((ObjectNode) current, value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }

  /** One RFC 6902 operation: add, replace or remove. */
  private static void jsonPatch(ObjectNode doc, JsonNode operation, Path dir) {
    String op = operation.path("op").asText();
    String[] tokens = operation.path("path").asText().substring(1).split("/", -1);
    JsonNode parent = doc;
    for (int i = 0; i < tokens.length - 1; i++) {
      String token = unescape(tokens[i]);
      parent = parent.isArray() ? parent.path(Integer.parseInt(token)) : parent.path(token);
    }
    if (parent.isMissingNode()) {
      throw new AssertionError(dir + ": no parent for " + operation);
    }
    String last = unescape(tokens[tokens.length - 1]);
    JsonNode value = operation.path("value").deepCopy();
    if (parent instanceof ArrayNode array) {
      int index = last.equals("-") ? array.size() : Integer.parseInt(last);
      switch (op) {
        case "add" -> array.insert(index, value);
        case "replace" -> array.set(index, value);
        case "remove" -> array.remove(index);
        default -> throw new AssertionError(dir + ": op '" + op + "' is not rendered offline");
      }
    } else {
      ObjectNode object = (ObjectNode) parent;
      switch (op) {
        case "add", "replace" -> object.set(last, value);
        case "remove" -> object.remove(last);
        default -> throw new AssertionError(dir + ": op '" + op + "' is not rendered offline");
      }
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static JsonNode readYaml(String text) {
    try {
      return Manifests.YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
