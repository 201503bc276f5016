package io.driftgate.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.k8s.Manifests.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The hardening of what each overlay renders to: non-root pods with nothing to escalate, a
 * read-only root with every folder Flink writes mounted, a NetworkPolicy that opens each port to
 * whom needs it only, and TLS with a verified server certificate to PostgreSQL in production.
 */
class K8sSecurityTest {

  /** The official Flink image's user and group, {@code flink}. */
  private static final int FLINK_UID = 9999;

  /**
   * Where the operator's pods write their log files unless {@code kubernetes.flink.log.dir} says.
   */
  private static final String OPERATOR_LOG_DIR_DEFAULT = "/opt/flink/log";

  /** Flink options naming folders Flink writes to; each must be set, to a mounted folder. */
  private static final List<String> WRITABLE_DIR_OPTIONS =
      List.of("io.tmp.dirs", "web.tmpdir", "state.backend.rocksdb.localdir", "env.log.dir");

  /** The ports Flink's processes open to each other, by option. */
  private static final List<String> INTERNAL_PORT_OPTIONS =
      List.of(
          "taskmanager.data.port",
          "taskmanager.rpc.port",
          "jobmanager.rpc.port",
          "blob.server.port");

  private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  private static final String OPERATOR_NAMESPACE = "flink-operator";
  private static final String MONITORING_NAMESPACE = "monitoring";

  // ---------------------------------------------------------------------------------------------
  // securityContext

  @Test
  void everyPodRunsAsFlinkNeverRootWithTheDefaultSeccompProfile() {
    forEachOverlay(
        (overlay, rendered) -> {
          for (JsonNode template : podTemplates(deployment(rendered))) {
            JsonNode pod = template.path("spec").path("securityContext");
            assertThat(pod.path("runAsNonRoot").asBoolean())
                .as("%s runAsNonRoot", overlay)
                .isTrue();
            assertThat(pod.path("runAsUser").asInt(-1))
                .as("%s runAsUser", overlay)
                .isEqualTo(FLINK_UID);
            assertThat(pod.path("runAsGroup").asInt(-1))
                .as("%s runAsGroup", overlay)
                .isEqualTo(FLINK_UID);
            assertThat(pod.path("fsGroup").asInt(-1))
                .as("%s fsGroup", overlay)
                .isEqualTo(FLINK_UID);
            assertThat(pod.path("seccompProfile").path("type").asText())
                .as("%s pod seccompProfile", overlay)
                .isEqualTo("RuntimeDefault");
          }
        });
  }

  @Test
  void everyContainerDropsAllCapabilitiesCannotEscalateAndHasAReadOnlyRoot() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode deployment = deployment(rendered);
          assertThat(Manifests.mainContainer(deployment).isMissingNode())
              .as("%s: the podTemplate hardens Flink's own container", overlay)
              .isFalse();
          for (JsonNode template : podTemplates(deployment)) {
            JsonNode pod = template.path("spec").path("securityContext");
            for (JsonNode container : containers(template)) {
              String where = overlay + " container " + container.path("name").asText();
              JsonNode own = container.path("securityContext");
              assertThat(effective(own, pod, "runAsNonRoot").asBoolean())
                  .as("%s runAsNonRoot", where)
                  .isTrue();
              assertThat(effective(own, pod, "runAsUser").asInt(0))
                  .as("%s runAsUser", where)
                  .isEqualTo(FLINK_UID);
              assertThat(
                      own.path("allowPrivilegeEscalation").isBoolean()
                          && !own.path("allowPrivilegeEscalation").asBoolean())
                  .as("%s allowPrivilegeEscalation: false", where)
                  .isTrue();
              assertThat(own.path("privileged").asBoolean()).as("%s privileged", where).isFalse();
              assertThat(own.path("readOnlyRootFilesystem").asBoolean())
                  .as("%s readOnlyRootFilesystem", where)
                  .isTrue();
              assertThat(texts(own.path("capabilities").path("drop")))
                  .as("%s capabilities.drop", where)
                  .containsExactly("ALL");
              assertThat(own.path("capabilities").path("add").isEmpty())
                  .as("%s adds no capability", where)
                  .isTrue();
              assertThat(effective(own, pod, "seccompProfile").path("type").asText())
                  .as("%s seccompProfile", where)
                  .isEqualTo("RuntimeDefault");
            }
          }
        });
  }

  @Test
  void theImageKeepsTheFlinkUserAndTheEntrypointNeedsNoWritablePlugins() throws IOException {
    String dockerfile = Files.readString(Manifests.k8s().resolve("Dockerfile"));
    assertThat(Pattern.compile("(?m)^\\s*USER\\s").matcher(dockerfile).find())
        .as("the Dockerfile keeps the base image's USER flink (%s)", FLINK_UID)
        .isFalse();
    forEachOverlay(
        (overlay, rendered) -> {
          for (JsonNode template : podTemplates(deployment(rendered))) {
            for (JsonNode container : containers(template)) {
              // The image's entrypoint would link plugins into the read-only plugins/ folder.
              assertThat(container.path("env").findValuesAsText("name"))
                  .as("%s: plugins are enabled in the Dockerfile, not at start", overlay)
                  .doesNotContain("ENABLE_BUILT_IN_PLUGINS");
            }
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // read-only root, writable volumes

  @Test
  void everyFolderFlinkWritesIsAnExplicitlySetWritableVolume() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode deployment = deployment(rendered);
          Map<String, String> config = Manifests.flinkConfiguration(deployment);
          Map<String, JsonNode> writable = writableMounts(deployment);
          assertThat(writable).as("%s: java.io.tmpdir", overlay).containsKey("/tmp");

          List<String> folders = new ArrayList<>();
          for (String option : WRITABLE_DIR_OPTIONS) {
            assertThat(config).as("%s sets %s", overlay, option).containsKey(option);
            for (String folder : config.get(option).split("[,;:]")) {
              folders.add(folder.strip());
            }
          }
          folders.add(config.getOrDefault("kubernetes.flink.log.dir", OPERATOR_LOG_DIR_DEFAULT));
          for (String folder : folders) {
            assertThat(mountHolding(writable.keySet(), folder))
                .as("%s: %s lies in a writable volume (%s)", overlay, folder, writable.keySet())
                .isNotNull();
          }
        });
  }

  @Test
  void theWritableVolumesAreScratchSpaceAndEachIsMounted() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode deployment = deployment(rendered);
          Set<String> mounted = new TreeSet<>();
          Manifests.mainContainer(deployment)
              .path("volumeMounts")
              .forEach(m -> mounted.add(m.path("name").asText()));
          for (JsonNode volume : volumes(deployment).values()) {
            assertThat(mounted)
                .as("%s: volume %s is mounted", overlay, volume.path("name").asText())
                .contains(volume.path("name").asText());
          }
          writableMounts(deployment)
              .forEach(
                  (path, volume) ->
                      assertThat(volume.has("emptyDir") || volume.has("persistentVolumeClaim"))
                          .as("%s: %s is writable, so it is scratch space or state", overlay, path)
                          .isTrue());
        });
  }

  // ---------------------------------------------------------------------------------------------
  // NetworkPolicy

  @Test
  void theNetworkPolicyCoversEveryFlinkPod() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode policy = networkPolicy(rendered, overlay);
          assertThat(texts(policy.path("policyTypes")))
              .as("%s policyTypes", overlay)
              .contains("Ingress");
          JsonNode podLabels =
              deployment(rendered).path("spec").path("podTemplate").path("metadata").path("labels");
          JsonNode selector = policy.path("podSelector").path("matchLabels");
          assertThat(selector.isEmpty()).as("%s podSelector", overlay).isFalse();
          selector
              .properties()
              .forEach(
                  label ->
                      assertThat(podLabels.path(label.getKey()).asText())
                          .as(
                              "%s: the policy selects the Flink pods by %s",
                              overlay, label.getKey())
                          .isEqualTo(label.getValue().asText()));
        });
  }

  @Test
  void flinkPodsReachEachOtherOnFlinksOwnPortsOnly() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode deployment = deployment(rendered);
          Map<String, String> config = Manifests.flinkConfiguration(deployment);
          Set<Integer> internal = new TreeSet<>();
          for (String option : INTERNAL_PORT_OPTIONS) {
            assertThat(config).as("%s fixes %s", overlay, option).containsKey(option);
            internal.add(Integer.parseInt(config.get(option)));
          }
          JsonNode policy = networkPolicy(rendered, overlay);
          JsonNode rule = onlyRule(policy, "podSelector", overlay);
          assertThat(rule.path("from").get(0).path("podSelector"))
              .as("%s: from the deployment's own pods", overlay)
              .isEqualTo(policy.path("podSelector"));
          assertThat(rule.path("from").get(0).has("namespaceSelector")).isFalse();
          assertThat(ports(rule)).as("%s: the internal ports", overlay).isEqualTo(internal);
        });
  }

  @Test
  void restIsOpenToTheOperatorsNamespaceAndMetricsToMonitoringOnly() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode deployment = deployment(rendered);
          Map<String, String> config = Manifests.flinkConfiguration(deployment);
          int rest = Integer.parseInt(config.get("rest.port"));
          int metrics = Integer.parseInt(config.get("metrics.reporter.prom.port"));
          int metricsContainerPort = -1;
          for (JsonNode port : Manifests.mainContainer(deployment).path("ports")) {
            if ("metrics".equals(port.path("name").asText())) {
              metricsContainerPort = port.path("containerPort").asInt();
            }
          }
          assertThat(metricsContainerPort).as("the container port `metrics`").isEqualTo(metrics);

          JsonNode policy = networkPolicy(rendered, overlay);
          Map<String, Set<Integer>> byNamespace = new LinkedHashMap<>();
          for (JsonNode rule : policy.path("ingress")) {
            for (JsonNode peer : rule.path("from")) {
              if (peer.has("namespaceSelector")) {
                assertThat(peer.has("ipBlock")).isFalse();
                JsonNode labels = peer.path("namespaceSelector").path("matchLabels");
                assertThat(labels.size())
                    .as("%s: a namespace is named by %s only", overlay, NAMESPACE_NAME_LABEL)
                    .isEqualTo(1);
                String namespace = labels.path(NAMESPACE_NAME_LABEL).asText();
                assertThat(namespace).as("%s: %s", overlay, NAMESPACE_NAME_LABEL).isNotBlank();
                byNamespace.computeIfAbsent(namespace, n -> new TreeSet<>()).addAll(ports(rule));
              }
            }
          }
          assertThat(byNamespace)
              .as("%s: the ports open to other namespaces", overlay)
              .isEqualTo(
                  Map.of(OPERATOR_NAMESPACE, Set.of(rest), MONITORING_NAMESPACE, Set.of(metrics)));
        });
  }

  @Test
  void everyIngressRuleNamesItsPeersAndPorts() {
    forEachOverlay(
        (overlay, rendered) -> {
          JsonNode policy = networkPolicy(rendered, overlay);
          assertThat(policy.path("ingress").size()).as("%s ingress rules", overlay).isEqualTo(3);
          for (JsonNode rule : policy.path("ingress")) {
            // A rule without `from` or `ports` admits every peer or every port.
            assertThat(rule.path("from").isEmpty()).as("%s: %s has peers", overlay, rule).isFalse();
            assertThat(rule.path("ports").isEmpty())
                .as("%s: %s has ports", overlay, rule)
                .isFalse();
            for (JsonNode port : rule.path("ports")) {
              assertThat(port.path("protocol").asText("TCP")).isEqualTo("TCP");
              assertThat(port.has("endPort")).as("%s: single ports, no ranges", overlay).isFalse();
            }
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // PostgreSQL TLS

  @Test
  void productionVerifiesPostgresCertificateAgainstAMountedCa() {
    Path prod = Manifests.k8s().resolve("overlays/prod");
    JsonNode deployment = deployment(Kustomize.render(prod));
    String url = Manifests.flinkConfiguration(deployment).get(DriftgateOptions.JDBC_URL.key());
    Map<String, String> parameters = urlParameters(url);
    assertThat(parameters).as("prod JDBC URL %s", url).containsEntry("sslmode", "verify-full");
    String rootCert = parameters.get("sslrootcert");
    assertThat(rootCert).as("prod JDBC URL names the CA file").isNotBlank();

    Map<String, JsonNode> volumes = volumes(deployment);
    Path certFile = Path.of(rootCert);
    JsonNode mount = null;
    for (JsonNode m : Manifests.mainContainer(deployment).path("volumeMounts")) {
      if (certFile.getParent().toString().equals(m.path("mountPath").asText())) {
        mount = m;
      }
    }
    assertThat(mount).as("a volume at %s", certFile.getParent()).isNotNull();
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = volumes.get(mount.path("name").asText());
    JsonNode source = volume.has("secret") ? volume.path("secret") : volume.path("configMap");
    assertThat(source.isMissingNode()).as("the CA comes from a Secret or ConfigMap").isFalse();
    JsonNode items = source.path("items");
    if (!items.isEmpty()) {
      assertThat(items.findValuesAsText("path")).contains(certFile.getFileName().toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // signed control commands

  @Test
  void productionRequiresSignedCommandsWithKeysFromAMountedConfigMap() {
    Path prod = Manifests.k8s().resolve("overlays/prod");
    JsonNode deployment = deployment(Kustomize.render(prod));
    Map<String, String> config = Manifests.flinkConfiguration(deployment);
    assertThat(config).containsEntry(DriftgateOptions.CONTROL_AUTH.key(), "required");
    String keys = config.get(DriftgateOptions.CONTROL_KEYS.key());

    JsonNode mount = null;
    for (JsonNode m : Manifests.mainContainer(deployment).path("volumeMounts")) {
      if (m.path("mountPath").asText().equals(keys)) {
        mount = m;
      }
    }
    assertThat(mount).as("a volume at %s", keys).isNotNull();
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    assertThat(volumes(deployment).get(mount.path("name").asText()).path("configMap").path("name"))
        .as("the keys come from a ConfigMap the overlay generates, so they change in place")
        .hasToString("\"driftgate-control-keys\"");
  }

  // ---------------------------------------------------------------------------------------------
  // the offline rendering is kubectl's

  @Test
  @EnabledIf("io.driftgate.k8s.Kustomize#available")
  void theOfflineRenderingAgreesWithKubectl() {
    for (Path dir : Manifests.kustomizations().keySet()) {
      List<Doc> kubectl = Kustomize.build(dir);
      for (Doc offline : Kustomize.offline(dir)) {
        Doc twin =
            kubectl.stream()
                .filter(d -> offline.kind().equals(d.kind()) && offline.name().equals(d.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(dir + ": kubectl renders no " + offline));
        assertThat(withoutGeneratedNames(offline.spec()))
            .as("%s: the spec of %s", dir, offline)
            .isEqualTo(withoutGeneratedNames(twin.spec()));
        assertThat(offline.node().path("metadata").path("namespace"))
            .isEqualTo(twin.node().path("metadata").path("namespace"));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private interface OverlayCheck {
    void check(String overlay, List<Doc> rendered);
  }

  private static void forEachOverlay(OverlayCheck check) {
    List<Path> overlays = new ArrayList<>();
    for (Path dir : Manifests.kustomizations().keySet()) {
      if (dir.startsWith(Manifests.k8s().resolve("overlays"))) {
        overlays.add(dir);
      }
    }
    assertThat(overlays).extracting(p -> p.getFileName().toString()).contains("dev", "prod");
    for (Path dir : overlays) {
      check.check(Manifests.repo().relativize(dir).toString(), Kustomize.render(dir));
    }
  }

  private static JsonNode deployment(List<Doc> rendered) {
    List<Doc> deployments = Manifests.ofKind(rendered, "FlinkDeployment");
    assertThat(deployments).hasSize(1);
    return deployments.get(0).node();
  }

  private static JsonNode networkPolicy(List<Doc> rendered, String overlay) {
    List<Doc> policies = Manifests.ofKind(rendered, "NetworkPolicy");
    assertThat(policies).as("%s NetworkPolicies", overlay).hasSize(1);
    return policies.get(0).spec();
  }

  /** The pod templates the operator builds pods from: the shared one and the per-role ones. */
  private static List<JsonNode> podTemplates(JsonNode deployment) {
    JsonNode spec = deployment.path("spec");
    List<JsonNode> templates = new ArrayList<>();
    for (JsonNode template :
        List.of(
            spec.path("podTemplate"),
            spec.path("jobManager").path("podTemplate"),
            spec.path("taskManager").path("podTemplate"))) {
      if (!template.isMissingNode()) {
        templates.add(template);
      }
    }
    assertThat(templates).isNotEmpty();
    return templates;
  }

  private static List<JsonNode> containers(JsonNode template) {
    List<JsonNode> containers = new ArrayList<>();
    template.path("spec").path("initContainers").forEach(containers::add);
    template.path("spec").path("containers").forEach(containers::add);
    return containers;
  }

  /** A container's setting, else its pod's (as Kubernetes resolves them). */
  private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
    return container.has(field) ? container.path(field) : pod.path(field);
  }

  private static Map<String, JsonNode> volumes(JsonNode deployment) {
    Map<String, JsonNode> volumes = new LinkedHashMap<>();
    deployment
        .path("spec")
        .path("podTemplate")
        .path("spec")
        .path("volumes")
        .forEach(v -> volumes.put(v.path("name").asText(), v));
    return volumes;
  }

  /** The main container's writable mounts: mount path to volume. */
  private static Map<String, JsonNode> writableMounts(JsonNode deployment) {
    Map<String, JsonNode> volumes = volumes(deployment);
    Map<String, JsonNode> writable = new LinkedHashMap<>();
    for (JsonNode mount : Manifests.mainContainer(deployment).path("volumeMounts")) {
      JsonNode volume = volumes.get(mount.path("name").asText());
      assertThat(volume).as("mount %s has a volume", mount).isNotNull();
      boolean readOnlySource = volume.has("configMap") || volume.has("secret");
      if (!mount.path("readOnly").asBoolean() && !readOnlySource) {
        writable.put(mount.path("mountPath").asText(), volume);
      }
    }
    return writable;
  }

  /** The mount path that holds {@code folder}, or null. */
  private static String mountHolding(Set<String> mountPaths, String folder) {
    Path path = Path.of(folder).normalize();
    for (String mountPath : mountPaths) {
      if (path.startsWith(Path.of(mountPath))) {
        return mountPath;
      }
    }
    return null;
  }

  private static JsonNode onlyRule(JsonNode policy, String peerKind, String overlay) {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode rule : policy.path("ingress")) {
      for (JsonNode peer : rule.path("from")) {
        if (peer.has(peerKind)) {
          rules.add(rule);
        }
      }
    }
    assertThat(rules).as("%s: ingress rules from a %s", overlay, peerKind).hasSize(1);
    assertThat(rules.get(0).path("from").size()).isEqualTo(1);
    return rules.get(0);
  }

  private static Set<Integer> ports(JsonNode rule) {
    Set<Integer> ports = new TreeSet<>();
    for (JsonNode port : rule.path("ports")) {
      assertThat(port.path("port").isInt()).as("%s is a port number", port).isTrue();
      ports.add(port.path("port").asInt());
    }
    return ports;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(v -> texts.add(v.asText()));
    return texts;
  }

  /** The query parameters of a JDBC URL. */
  private static Map<String, String> urlParameters(String url) {
    Map<String, String> parameters = new LinkedHashMap<>();
    int query = url.indexOf('?');
    if (query >= 0) {
      for (String pair : url.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
    return parameters;
  }

  /** A spec with generated ConfigMaps' hashed names cut back to the generators' names. */
  private static JsonNode withoutGeneratedNames(JsonNode spec) {
    JsonNode copy = spec.deepCopy();
    Set<String> generators = new LinkedHashSet<>();
    Manifests.kustomizations()
        .values()
        .forEach(
            k ->
                k.path("configMapGenerator").forEach(g -> generators.add(g.path("name").asText())));
    for (JsonNode volume : copy.path("podTemplate").path("spec").path("volumes")) {
      JsonNode configMap = volume.path("configMap");
      for (String generator : generators) {
        if (configMap.path("name").asText().startsWith(generator + "-")) {
          ((ObjectNode) configMap).put("name", generator);
        }
      }
    }
    return copy;
  }
}
