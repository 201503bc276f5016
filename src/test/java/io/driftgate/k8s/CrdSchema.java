package io.driftgate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A custom resource's {@code openAPIV3Schema} as a JSON schema that validates a whole manifest the
 * way the API server does with strict field validation ({@code kubectl apply}'s default): unknown
 * fields are errors unless the schema preserves them, and {@code apiVersion}, {@code kind} and
 * {@code metadata} are allowed at the top.
 */
final class CrdSchema {

  private final String group;
  private final String kind;
  private final Map<String, JsonSchema> byVersion;

  private CrdSchema(String group, String kind, Map<String, JsonSchema> byVersion) {
    this.group = group;
    this.kind = kind;
    this.byVersion = byVersion;
  }

  static CrdSchema load(Path crdFile) {
    List<Manifests.Doc> docs = Manifests.read(crdFile);
    if (docs.size() != 1 || !"CustomResourceDefinition".equals(docs.get(0).kind())) {
      throw new IllegalArgumentException(crdFile + " is not one CustomResourceDefinition");
    }
    JsonNode spec = docs.get(0).spec();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    Map<String, JsonSchema> byVersion = new java.util.LinkedHashMap<>();
    for (JsonNode version : spec.path("versions")) {
      ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
      ObjectNode properties = (ObjectNode) schema.withObject("/properties");
      properties.putObject("apiVersion").put("type", "string");
      properties.putObject("kind").put("type", "string");
      properties.putObject("metadata").put("type", "object");
      strict(schema);
      byVersion.put(version.path("name").asText(), factory.getSchema(schema));
    }
    return new CrdSchema(
        spec.path("group").asText(), spec.path("names").path("kind").asText(), byVersion);
  }

  String kind() {
    return kind;
  }

  /** Whether this CRD defines the document's apiVersion and kind. */
  boolean covers(JsonNode manifest) {
    String apiVersion = manifest.path("apiVersion").asText();
    return kind.equals(manifest.path("kind").asText())
        && apiVersion.startsWith(group + "/")
        && byVersion.containsKey(apiVersion.substring(group.length() + 1));
  }

  /** The schema violations of a manifest, each naming its path; empty when it is valid. */
  List<String> validate(JsonNode manifest) {
    String apiVersion = manifest.path("apiVersion").asText();
    if (!apiVersion.startsWith(group + "/")) {
      return List.of("apiVersion " + apiVersion + " is not of group " + group);
    }
    JsonSchema schema = byVersion.get(apiVersion.substring(group.length() + 1));
    if (schema == null) {
      return List.of(
          "apiVersion " + apiVersion + " is not served; versions: " + byVersion.keySet());
    }
    return schema.validate(manifest).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /**
   * Structural-schema semantics: an object with {@code properties} and neither {@code
   * additionalProperties} nor {@code x-kubernetes-preserve-unknown-fields} takes no other field.
   * The {@code x-kubernetes-*} extensions are then dropped (the validator does not know them).
   */
  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode object) {
      boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (object.has("properties") && !object.has("additionalProperties") && !preserve) {
        object.put("additionalProperties", false);
      }
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        if (names.next().startsWith("x-kubernetes-")) {
          names.remove();
        }
      }
      if (object.has("properties")) {
        object.path("properties").forEach(CrdSchema::strict);
      }
      for (String child : List.of("items", "additionalProperties")) {
        strict(object.path(child));
      }
      for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
        strict(object.path(combinator));
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(CrdSchema::strict);
    }
  }
}
