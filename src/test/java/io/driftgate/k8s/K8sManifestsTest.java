package io.driftgate.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.JobSettings;
import io.driftgate.k8s.Manifests.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The manifests in {@code k8s/} against what the job really is: its options, entry class, topics,
 * metrics port, mounted files, jar and Flink version; and the kustomizations against their files.
 */
class K8sManifestsTest {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** Flink's option classes that a FlinkDeployment of ours may draw keys from. */
  private static final List<String> FLINK_OPTION_CLASSES =
      List.of(
          "org.apache.flink.configuration.CoreOptions",
          "org.apache.flink.configuration.CheckpointingOptions",
          "org.apache.flink.configuration.StateBackendOptions",
          "org.apache.flink.configuration.StateRecoveryOptions",
          "org.apache.flink.configuration.HighAvailabilityOptions",
          "org.apache.flink.configuration.RestartStrategyOptions",
          "org.apache.flink.configuration.MetricOptions",
          "org.apache.flink.configuration.TaskManagerOptions",
          "org.apache.flink.configuration.JobManagerOptions",
          "org.apache.flink.configuration.PipelineOptions",
          "org.apache.flink.configuration.ExecutionOptions",
          "org.apache.flink.configuration.RestOptions",
          "org.apache.flink.configuration.SecurityOptions",
          "org.apache.flink.configuration.DeploymentOptions",
          "org.apache.flink.configuration.ClusterOptions",
          "org.apache.flink.configuration.WebOptions",
          "org.apache.flink.configuration.BlobServerOptions",
          "org.apache.flink.configuration.NettyShuffleEnvironmentOptions",
          "org.apache.flink.state.rocksdb.RocksDBOptions",
          "org.apache.flink.state.rocksdb.RocksDBConfigurableOptions");

  // ---------------------------------------------------------------------------------------------
  // flinkConfiguration

  @Test
  void everyDriftgateKeyIsAnOptionOfTheJobAndParsesWithItsType() {
    Map<String, ConfigOption<?>> options = options(DriftgateOptions.class);
    assertThat(options).containsKey(DriftgateOptions.JDBC_URL.key());
    effectiveConfigurations()
        .forEach(
            (where, config) -> {
              Set<String> unknown = new TreeSet<>();
              for (String key : config.keySet()) {
                if (key.startsWith("driftgate.") && !options.containsKey(key)) {
                  unknown.add(key);
                }
              }
              assertThat(unknown)
                  .as("%s: driftgate keys that are no option of DriftgateOptions", where)
                  .isEmpty();
              Configuration flink = Configuration.fromMap(config);
              for (String key : config.keySet()) {
                if (options.containsKey(key)) {
                  assertThatCode(() -> flink.get(options.get(key)))
                      .as("%s: %s = '%s'", where, key, config.get(key))
                      .doesNotThrowAnyException();
                }
              }
            });
  }

  @Test
  void theJobAcceptsEachConfigurationExceptForThePasswordFileOnlyThePodHas() {
    effectiveConfigurations()
        .forEach(
            (where, config) -> {
              String passwordFile = config.get(DriftgateOptions.JDBC_PASSWORD_FILE.key());
              assertThat(passwordFile)
                  .as("%s: the password comes from the mounted Secret", where)
                  .isNotNull();
              List<String> expected =
                  Files.isReadable(Path.of(passwordFile))
                      ? List.of() // this machine happens to have the pod's file
                      : List.of(
                          DriftgateOptions.JDBC_PASSWORD_FILE.key()
                              + ": cannot read "
                              + passwordFile);
              assertThat(problems(Configuration.fromMap(config)))
                  .as("%s: what JobSettings refuses (only the pod has the password file)", where)
                  .isEqualTo(expected);

              Map<String, String> inThePod = new LinkedHashMap<>(config);
              inThePod.put(DriftgateOptions.JDBC_PASSWORD_FILE.key(), existingFile().toString());
              assertThat(problems(Configuration.fromMap(inThePod)))
                  .as("%s with the password file present", where)
                  .isEmpty();
            });
  }

  @Test
  void theDerivedKafkaTransactionTimeoutFitsTheBrokersDefaultLimit() {
    // The Strimzi cluster is not ours to configure: it keeps Kafka's default limit, 15 min.
    effectiveConfigurations()
        .forEach(
            (where, config) -> {
              Map<String, String> inThePod = new LinkedHashMap<>(config);
              inThePod.put(DriftgateOptions.JDBC_PASSWORD_FILE.key(), existingFile().toString());
              JobSettings settings = JobSettings.from(Configuration.fromMap(inThePod), true);
              assertThat(settings.kafka().transactions().timeout())
                  .as("%s: transaction.timeout.ms for %s", where, settings.checkpoints())
                  .isLessThanOrEqualTo(Duration.ofMinutes(15));
            });
  }

  @Test
  void everyOtherKeyIsACurrentFlinkOptionAndParses() {
    Map<String, ConfigOption<?>> flinkOptions = new LinkedHashMap<>();
    for (String className : FLINK_OPTION_CLASSES) {
      try {
        flinkOptions.putAll(options(Class.forName(className)));
      } catch (ClassNotFoundException e) {
        throw new AssertionError("Flink option class " + className + " is not on the class path");
      }
    }
    effectiveConfigurations()
        .forEach(
            (where, config) -> {
              Configuration flink = Configuration.fromMap(config);
              List<String> problems = new ArrayList<>();
              for (String key : config.keySet()) {
                if (key.startsWith("driftgate.") || key.startsWith("metrics.reporter.")) {
                  continue; // the job's own options; reporter keys are per reporter name
                }
                ConfigOption<?> option = flinkOptions.get(key);
                if (option == null) {
                  problems.add(key + " is not the key of a Flink option (deprecated or misspelt?)");
                  continue;
                }
                try {
                  flink.get(option);
                } catch (RuntimeException e) {
                  problems.add(key + " = '" + config.get(key) + "': " + e.getMessage());
                }
              }
              assertThat(problems).as("%s", where).isEmpty();
            });
  }

  @Test
  void flinkConfigurationValuesAreStrings() {
    // The operator's older releases read flinkConfiguration as Map<String, String>.
    for (Doc doc : deployments()) {
      doc.spec()
          .path("flinkConfiguration")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(e.getValue().isTextual())
                      .as("%s: %s must be a (quoted) string", doc, e.getKey())
                      .isTrue());
    }
  }

  @Test
  void stateIsCheckpointedExactlyOnceToRocksDbWithHaAndSavepointUpgrades() {
    Doc base = FlinkDeploymentSchemaTest.baseDeployment();
    Map<String, String> config = Manifests.flinkConfiguration(base.node());
    assertThat(config)
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry(
            "metrics.reporter.prom.factory.class",
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
        .containsKeys(
            "execution.checkpointing.interval",
            "execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir",
            "high-availability.storageDir",
            "restart-strategy.type");
    JsonNode job = base.spec().path("job");
    assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(job.path("state").asText()).isEqualTo("running");
    assertThat(job.path("parallelism").asInt()).isPositive();
  }

  // ---------------------------------------------------------------------------------------------
  // the job, its jar and its image

  @Test
  void entryClassIsTheJarsMainClassAndHasMain() throws Exception {
    for (Doc doc : deployments()) {
      String entryClass = doc.spec().path("job").path("entryClass").asText(null);
      if (entryClass == null) {
        continue; // an overlay patch that leaves it alone
      }
      Method main = Class.forName(entryClass).getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers())).as("%s: static main", doc).isTrue();
      assertThat(pom()).as("the shaded jar's main class").contains("<mainClass>" + entryClass);
    }
  }

  @Test
  void jarUriIsWhereTheDockerfilePutsTheJarOfThisVersion() throws IOException {
    String dockerfile = Files.readString(Manifests.k8s().resolve("Dockerfile"));
    String version =
        matchOne(pom(), "<artifactId>driftgate</artifactId>\\s*<version>([^<]+)</version>");
    assertThat(matchOne(dockerfile, "ARG DRIFTGATE_VERSION=(\\S+)")).isEqualTo(version);
    String destination =
        matchOne(dockerfile, "COPY [^\\n]*target/driftgate-\\$\\{DRIFTGATE_VERSION}\\.jar (\\S+)");
    String flinkVersion = pomProperty("flink.version");
    assertThat(matchOne(dockerfile, "ARG FLINK_IMAGE=flink:(\\S+)"))
        .as("the base image is Flink %s", flinkVersion)
        .satisfies(tag -> assertThat(flinkVersion).startsWith(tag.replaceAll("-.*", "")));
    for (Doc doc : deployments()) {
      String jarUri = doc.spec().path("job").path("jarURI").asText(null);
      if (jarUri != null) {
        assertThat(jarUri).as("%s", doc).isEqualTo("local://" + destination);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // topics, metrics, mounts

  @Test
  void kafkaTopicsAreTheJobsTopics() {
    List<Doc> topics = Manifests.ofKind(Manifests.all(), "KafkaTopic");
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (Doc topic : topics) {
      String name = topic.spec().path("topicName").asText(topic.name());
      assertThat(byName.put(name, topic.spec())).as("topic %s declared twice", name).isNull();
    }
    Configuration config =
        Configuration.fromMap(
            Manifests.flinkConfiguration(FlinkDeploymentSchemaTest.baseDeployment().node()));
    Set<String> jobTopics = new TreeSet<>();
    for (ConfigOption<?> option : options(DriftgateOptions.class).values()) {
      if (option.key().startsWith("driftgate.topics.")) {
        jobTopics.add((String) config.get(option));
      }
    }
    assertThat(jobTopics).hasSize(7);
    assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(jobTopics);
    String routing = config.get(DriftgateOptions.ROUTING_TOPIC);
    assertThat(byName.get(routing).path("config").path("cleanup.policy").asText())
        .as("the routing topic keeps the latest row per dataset")
        .isEqualTo("compact");
  }

  @Test
  void podMonitorScrapesTheReportersNamedPort() {
    Doc deployment = FlinkDeploymentSchemaTest.baseDeployment();
    JsonNode container = Manifests.mainContainer(deployment.node());
    Map<String, Integer> ports = new LinkedHashMap<>();
    container
        .path("ports")
        .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    String reporterPort =
        Manifests.flinkConfiguration(deployment.node()).get("metrics.reporter.prom.port");
    JsonNode podLabels = deployment.spec().path("podTemplate").path("metadata").path("labels");

    List<Doc> monitors = Manifests.ofKind(Manifests.all(), "PodMonitor");
    assertThat(monitors).isNotEmpty();
    for (Doc monitor : monitors) {
      JsonNode endpoints = monitor.spec().path("podMetricsEndpoints");
      assertThat(endpoints.size()).as("%s endpoints", monitor).isPositive();
      for (JsonNode endpoint : endpoints) {
        String port = endpoint.path("port").asText();
        assertThat(ports)
            .as("%s: container ports of %s", monitor, Manifests.FLINK_MAIN_CONTAINER)
            .containsKey(port);
        assertThat(String.valueOf(ports.get(port)))
            .as("the reporter listens on the scraped port")
            .isEqualTo(reporterPort);
      }
      monitor
          .spec()
          .path("selector")
          .path("matchLabels")
          .fields()
          .forEachRemaining(
              label ->
                  assertThat(podLabels.path(label.getKey()).asText())
                      .as("%s selects pods labelled %s", monitor, label.getKey())
                      .isEqualTo(label.getValue().asText()));
    }
  }

  @Test
  void contractsAndPasswordAreMountedWhereTheJobReadsThem() {
    Doc deployment = FlinkDeploymentSchemaTest.baseDeployment();
    Map<String, String> config = Manifests.flinkConfiguration(deployment.node());
    Map<String, JsonNode> volumes = new LinkedHashMap<>();
    deployment
        .spec()
        .path("podTemplate")
        .path("spec")
        .path("volumes")
        .forEach(v -> volumes.put(v.path("name").asText(), v));
    Map<String, JsonNode> mounts = new LinkedHashMap<>();
    Manifests.mainContainer(deployment.node())
        .path("volumeMounts")
        .forEach(
            m -> mounts.put(m.path("mountPath").asText(), volumes.get(m.path("name").asText())));

    JsonNode contracts = mounts.get(config.get(DriftgateOptions.CONTRACTS_DIR.key()));
    assertThat(contracts).as("a volume at driftgate.contracts.dir").isNotNull();
    assertThat(generatorNames(Manifests.k8s().resolve("base")))
        .contains(contracts.path("configMap").path("name").asText());

    Path passwordFile = Path.of(config.get(DriftgateOptions.JDBC_PASSWORD_FILE.key()));
    JsonNode secret = mounts.get(passwordFile.getParent().toString());
    assertThat(secret).as("a volume at the password file's folder").isNotNull();
    String secretName = secret.path("secret").path("secretName").asText();
    JsonNode items = secret.path("secret").path("items");
    if (!items.isEmpty()) {
      assertThat(items.findValuesAsText("path")).contains(passwordFile.getFileName().toString());
    }
    Doc example = Manifests.read(Manifests.k8s().resolve("base/db-secret.example.yaml")).get(0);
    assertThat(example.kind()).isEqualTo("Secret");
    assertThat(example.name())
        .as("the example creates the Secret the pods mount")
        .isEqualTo(secretName);
    assertThat(example.node().path("stringData").has(passwordFile.getFileName().toString()))
        .isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // kustomizations and the files they read

  @Test
  void everyFileAKustomizationNamesExists() {
    Manifests.kustomizations()
        .forEach(
            (dir, kustomization) -> {
              for (String file : referencedPaths(kustomization)) {
                assertThat(dir.resolve(file)).as("%s names %s", dir, file).exists();
              }
            });
  }

  @Test
  void noManifestIsOrphanedAndTheExampleSecretIsNotApplied() {
    Set<Path> used = new LinkedHashSet<>(Manifests.kustomizeInputs());
    Manifests.kustomizations()
        .forEach(
            (dir, kustomization) -> {
              used.add(dir.resolve("kustomization.yaml"));
              referencedPaths(kustomization).forEach(f -> used.add(dir.resolve(f).normalize()));
            });
    for (Path file : Manifests.yamlFiles(Manifests.k8s())) {
      if (file.getFileName().toString().endsWith(".example.yaml")) {
        assertThat(used)
            .as("%s is an example: no kustomization may apply it", file)
            .doesNotContain(file);
      } else {
        assertThat(used).as("%s is in no kustomization", file).contains(file.normalize());
      }
    }
  }

  @Test
  void theContractsConfigMapHoldsExactlyTheRepositorysContracts() throws IOException {
    assertGeneratorMirrors("driftgate-contracts", Manifests.repo().resolve("contracts"), ".yaml");
  }

  @Test
  void theDashboardsConfigMapHoldsExactlyTheRepositorysDashboards() throws IOException {
    JsonNode generator =
        assertGeneratorMirrors(
            "driftgate-dashboards", Manifests.repo().resolve("dashboards"), ".json");
    assertThat(generator.path("options").path("labels").path("grafana_dashboard").asText())
        .as("Grafana's sidecar loads ConfigMaps labelled grafana_dashboard=1")
        .isEqualTo("1");
  }

  @Test
  void everyManifestIsNamedAndWellFormed() {
    for (Doc doc : Manifests.all()) {
      if (doc.isKustomization()) {
        continue;
      }
      assertThat(doc.node().path("apiVersion").asText()).as("%s apiVersion", doc).isNotBlank();
      assertThat(doc.kind()).as("%s kind", doc).isNotBlank();
      assertThat(doc.name()).as("%s metadata.name", doc).isNotNull().matches(DNS_SUBDOMAIN);
      switch (doc.kind()) {
        case "KafkaTopic" -> {
          assertThat(doc.node().path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
          if (!isPatch(doc)) {
            assertThat(
                    doc.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .as("%s names its Kafka cluster", doc)
                .isNotBlank();
            assertThat(doc.spec().path("partitions").asInt()).as("%s partitions", doc).isPositive();
            assertThat(doc.spec().path("replicas").asInt()).as("%s replicas", doc).isPositive();
          }
        }
        case "PodMonitor" -> {
          assertThat(doc.node().path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
          assertThat(doc.spec().path("selector").isObject()).as("%s selector", doc).isTrue();
          assertThat(doc.spec().path("podMetricsEndpoints").isArray())
              .as("%s endpoints", doc)
              .isTrue();
        }
        case "PrometheusRule" -> {
          assertThat(doc.node().path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
          assertThat(doc.spec().path("groups").isEmpty()).as("%s groups", doc).isFalse();
          for (var group : doc.spec().path("groups")) {
            for (var rule : group.path("rules")) {
              assertThat(rule.path("alert").asText()).as("%s alert name", doc).isNotBlank();
              assertThat(rule.path("expr").asText()).as("%s expr", doc).isNotBlank();
            }
          }
        }
        case "PersistentVolumeClaim" -> {
          assertThat(doc.node().path("apiVersion").asText()).isEqualTo("v1");
          assertThat(doc.spec().path("accessModes").isEmpty()).as("%s accessModes", doc).isFalse();
          assertThat(doc.spec().path("resources").path("requests").path("storage").asText())
              .as("%s size", doc)
              .isNotBlank();
        }
        case "NetworkPolicy" -> {
          assertThat(doc.node().path("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
          assertThat(doc.spec().path("podSelector").isObject()).as("%s podSelector", doc).isTrue();
          assertThat(doc.spec().path("policyTypes").isEmpty()).as("%s policyTypes", doc).isFalse();
        } // K8sSecurityTest checks its rules
        case "Secret", "ConfigMap" ->
            assertThat(doc.node().path("apiVersion").asText()).isEqualTo("v1");
        case "FlinkDeployment", "FlinkSessionJob" -> {} // the CRD schema checks them
        default ->
            throw new AssertionError(doc + ": a kind this test does not know; add its checks");
      }
    }
  }

  @Test
  @EnabledIf("io.driftgate.k8s.Kustomize#available")
  void renderedKustomizationsKeepTheirReferences() {
    for (Path dir : Manifests.kustomizations().keySet()) {
      List<Doc> rendered = Kustomize.build(dir);
      Set<String> configMaps =
          Manifests.ofKind(rendered, "ConfigMap").stream()
              .map(Doc::name)
              .collect(Collectors.toSet());
      Doc deployment = Manifests.ofKind(rendered, "FlinkDeployment").get(0);
      for (JsonNode volume : deployment.spec().path("podTemplate").path("spec").path("volumes")) {
        if (volume.has("configMap")) {
          assertThat(configMaps)
              .as("%s: volume %s refers to a rendered ConfigMap", dir, volume.path("name").asText())
              .contains(volume.path("configMap").path("name").asText());
        }
      }
      Map<String, String> config = Manifests.flinkConfiguration(deployment.node());
      assertThat(problems(Configuration.fromMap(config)))
          .as("%s rendered: what JobSettings refuses", dir)
          .containsExactly(
              DriftgateOptions.JDBC_PASSWORD_FILE.key()
                  + ": cannot read "
                  + config.get(DriftgateOptions.JDBC_PASSWORD_FILE.key()));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The FlinkDeployment documents: the base and the overlays' patches. */
  private static List<Doc> deployments() {
    List<Doc> docs = Manifests.ofKind(Manifests.all(), "FlinkDeployment");
    assertThat(docs).isNotEmpty();
    return docs;
  }

  /**
   * The flinkConfiguration each kustomization ends up with: the base's, with each overlay's
   * FlinkDeployment patches laid over it (string maps merge key by key).
   */
  private static Map<String, Map<String, String>> effectiveConfigurations() {
    Map<String, String> base =
        Manifests.flinkConfiguration(FlinkDeploymentSchemaTest.baseDeployment().node());
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    result.put("k8s/base", base);
    Manifests.kustomizations()
        .forEach(
            (dir, kustomization) -> {
              if (dir.equals(Manifests.k8s().resolve("base"))) {
                return;
              }
              Map<String, String> effective = new LinkedHashMap<>(base);
              for (JsonNode patch : kustomization.path("patches")) {
                if (patch.has("path")) {
                  for (Doc doc : Manifests.read(dir.resolve(patch.path("path").asText()))) {
                    if ("FlinkDeployment".equals(doc.kind())) {
                      effective.putAll(Manifests.flinkConfiguration(doc.node()));
                    }
                  }
                }
              }
              result.put(Manifests.repo().relativize(dir).toString(), effective);
            });
    assertThat(result).hasSizeGreaterThan(1);
    return result;
  }

  /** JobSettings' complaints about a configuration, one per line; empty when it accepts it. */
  private static List<String> problems(Configuration config) {
    try {
      JobSettings.from(config, true);
      return List.of();
    } catch (IllegalArgumentException e) {
      String[] lines = e.getMessage().split("\n");
      if (!lines[0].startsWith("invalid driftgate configuration")) {
        return List.of(e.getMessage()); // a value Flink cannot parse as its option's type
      }
      return Arrays.stream(lines).skip(1).map(String::strip).toList();
    }
  }

  private static Path existingFile() {
    try {
      Path file = Files.createTempFile("driftgate-db-password", "");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public static ConfigOption fields of a class, by key. */
  static Map<String, ConfigOption<?>> options(Class<?> holder) {
    Map<String, ConfigOption<?>> options = new LinkedHashMap<>();
    for (Field field : holder.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && ConfigOption.class.isAssignableFrom(field.getType())) {
        try {
          ConfigOption<?> option = (ConfigOption<?>) field.get(null);
          options.put(option.key(), option);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return options;
  }

  private static boolean isPatch(Doc doc) {
    return doc.file().startsWith(Manifests.k8s().resolve("overlays"))
        && doc.file().getFileName().toString().contains("patch");
  }

  /** resources, patch files and configMapGenerator files of a kustomization. */
  private static List<String> referencedPaths(JsonNode kustomization) {
    List<String> paths = new ArrayList<>();
    kustomization.path("resources").forEach(r -> paths.add(r.asText()));
    kustomization.path("configurations").forEach(r -> paths.add(r.asText()));
    kustomization
        .path("patches")
        .forEach(
            p -> {
              if (p.has("path")) {
                paths.add(p.path("path").asText());
              }
            });
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      generator.path("files").forEach(f -> paths.add(Manifests.generatorFile(f.asText())));
    }
    return paths;
  }

  private static Set<String> generatorNames(Path dir) {
    Set<String> names = new TreeSet<>();
    Manifests.kustomizations()
        .get(dir)
        .path("configMapGenerator")
        .forEach(g -> names.add(g.path("name").asText()));
    return names;
  }

  /**
   * The base's generator {@code name} lists exactly one copy, under k8s/base, of each {@code
   * *suffix} file of {@code originals}, with the same content.
   */
  private static JsonNode assertGeneratorMirrors(String name, Path originals, String suffix)
      throws IOException {
    Path base = Manifests.k8s().resolve("base");
    JsonNode generator = null;
    for (JsonNode g : Manifests.kustomizations().get(base).path("configMapGenerator")) {
      if (name.equals(g.path("name").asText())) {
        generator = g;
      }
    }
    assertThat(generator)
        .as("k8s/base/kustomization.yaml has configMapGenerator %s", name)
        .isNotNull();
    Map<String, Path> listed = new LinkedHashMap<>();
    for (JsonNode file : generator.path("files")) {
      Path copy = base.resolve(Manifests.generatorFile(file.asText()));
      listed.put(copy.getFileName().toString(), copy);
    }
    Map<String, Path> expected = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(originals)) {
      files
          .filter(f -> f.toString().endsWith(suffix))
          .sorted()
          .forEach(f -> expected.put(f.getFileName().toString(), f));
    }
    assertThat(listed.keySet())
        .as(
            "%s lists a copy of each %s/*%s (copy them into k8s/base/%s/ and list them)",
            name, originals.getFileName(), suffix, originals.getFileName())
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, Path> original : expected.entrySet()) {
      assertThat(listed.get(original.getKey()))
          .as("the copy in k8s/base of %s is up to date", original.getValue())
          .hasSameBinaryContentAs(original.getValue());
    }
    return generator;
  }

  static String pom() {
    try {
      return Files.readString(Manifests.repo().resolve("pom.xml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pomProperty(String name) {
    return matchOne(pom(), "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
  }

  private static String matchOne(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("/%s/ matches", regex).isTrue();
    return matcher.group(1);
  }
}
