package io.driftgate.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real standalone Flink session cluster for tests: one JobManager and one TaskManager process,
 * started from a {@code lib/} directory of Flink's Maven artifacts (the build fills it from {@code
 * src/test/flink-cluster/pom.xml}) the way {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh}
 * start them, and driven through the REST API as an operator would.
 *
 * <p>{@link #close()} stops both processes and everything they started; a JVM shutdown hook does
 * the same if the test JVM ends first, so no process outlives the test.
 */
final class StandaloneCluster implements AutoCloseable {

  /**
   * The {@code --add-exports/--add-opens} list of flink-dist's default {@code env.java.opts.all}:
   * Flink's RPC, serializers and memory manager need them on Java 17.
   */
  static final List<String> JAVA_17_OPENS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path lib;
  private final Path home;
  private final Map<String, String> environment;
  private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
  private final Thread shutdownHook = new Thread(this::killAll, "stop-standalone-flink");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int restPort;
  private Process taskManager;
  private int taskManagers;

  private StandaloneCluster(Path lib, Path home, Map<String, String> environment) {
    this.lib = lib;
    this.home = home;
    this.environment = environment;
  }

  /**
   * Starts a JobManager and a TaskManager with {@code slots} slots in a fresh directory under
   * {@code workDir} (its {@code conf/} and {@code log/}), and waits until the TaskManager has
   * registered.
   *
   * @param environment variables the cluster processes get on top of this JVM's
   */
  static StandaloneCluster start(Path lib, Path workDir, int slots, Map<String, String> environment)
      throws Exception {
    if (!Files.isDirectory(lib) || !Files.exists(lib.resolve(jarNamed(lib, "flink-runtime-")))) {
      throw new IllegalStateException(
          lib
              + " holds no Flink runtime: run the IT through Maven (`./mvnw verify`), whose"
              + " pre-integration-test step fills it from src/test/flink-cluster/pom.xml");
    }
    Path home = workDir.resolve("flink-" + UUID.randomUUID().toString().substring(0, 8));
    StandaloneCluster cluster = new StandaloneCluster(lib, home, environment);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.configure(slots);
      cluster.startJobManager();
      cluster.startTaskManager();
      cluster.awaitSlots(slots);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  URI rest() {
    return URI.create("http://localhost:" + restPort);
  }

  Path home() {
    return home;
  }

  /** The process ids of the JobManager and TaskManager, for tests that check the cleanup. */
  List<Long> pids() {
    synchronized (processes) {
      return processes.stream().map(Process::pid).toList();
    }
  }

  /** {@code POST /jars/upload}: the uploaded jar's id for {@code /jars/{id}/run}. */
  String uploadJar(Path jar) throws IOException, InterruptedException {
    String boundary = "----driftgate" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(jar));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode response =
        send(
            HttpRequest.newBuilder(rest().resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    String file = response.path("filename").asText();
    if (!"success".equals(response.path("status").asText()) || file.isEmpty()) {
      throw new IllegalStateException("upload of " + jar + " failed: " + response);
    }
    return Path.of(file).getFileName().toString();
  }

  /** {@code POST /jars/{id}/run} with the jar's main class and these arguments: the job id. */
  String runJar(String jarId, List<String> programArgs) throws IOException, InterruptedException {
    String request = JSON.writeValueAsString(Map.of("programArgsList", programArgs));
    JsonNode response =
        send(
            HttpRequest.newBuilder(rest().resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(request)));
    String jobId = response.path("jobid").asText();
    if (jobId.isEmpty()) {
      throw new IllegalStateException("run of jar " + jarId + " failed: " + response);
    }
    return jobId;
  }

  /**
   * Polls {@code /jobs/{id}} until the job is globally terminal and returns its state.
   *
   * @throws IllegalStateException when it is not terminal within {@code timeout}
   */
  String awaitTermination(String jobId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      state = get("/jobs/" + jobId).path("state").asText();
      if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
        return state;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "job " + jobId + " still " + state + " after " + timeout + "\n" + diagnostics(jobId));
  }

  /** The job's root exception and the tails of both processes' logs, for a failure message. */
  String diagnostics(String jobId) {
    StringBuilder out = new StringBuilder();
    if (jobId != null) {
      try {
        out.append("root exception: ")
            .append(get("/jobs/" + jobId + "/exceptions").path("root-exception").asText())
            .append('\n');
      } catch (Exception e) {
        out.append("no /jobs/").append(jobId).append("/exceptions: ").append(e).append('\n');
      }
    }
    return out.append(logTails()).toString();
  }

  /** The last lines of every log and output file of the cluster. */
  String logTails() {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(home.resolve("log"))) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        out.append("==> ").append(file).append(" <==\n");
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(line -> out.append(line).append('\n'));
      }
    } catch (IOException e) {
      out.append("cannot read the cluster's logs: ").append(e).append('\n');
    }
    return out.toString();
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(rest().resolve(path)).GET());
  }

  /** Stops both processes and their descendants: politely, then by force. Idempotent. */
  @Override
  public void close() {
    List<Process> started;
    synchronized (processes) {
      started = new ArrayList<>(processes);
    }
    // TaskManager first, so that it does not spend the JobManager's shutdown reconnecting.
    Collections.reverse(started);
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        killAll();
      }
      processes.remove(process);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run
    }
  }

  private void killAll() {
    synchronized (processes) {
      for (Process process : processes) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  private void configure(int slots) throws IOException {
    restPort = freePort();
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("log"));
    Files.createDirectories(home.resolve("tmp"));
    Map<String, String> config = new LinkedHashMap<>();
    config.put("jobmanager.rpc.address", "localhost");
    config.put("jobmanager.rpc.port", String.valueOf(freePort()));
    config.put("jobmanager.bind-host", "localhost");
    config.put("taskmanager.host", "localhost");
    config.put("taskmanager.bind-host", "localhost");
    config.put("rest.address", "localhost");
    config.put("rest.bind-address", "localhost");
    config.put("rest.port", String.valueOf(restPort));
    config.put("jobmanager.memory.process.size", "1g");
    config.put("taskmanager.memory.process.size", "1536m");
    config.put("taskmanager.memory.managed.size", "128m");
    config.put("taskmanager.numberOfTaskSlots", String.valueOf(slots));
    config.put("parallelism.default", "1");
    // A TaskManager killed by a test is noticed within seconds, not the default 50 s.
    config.put("heartbeat.interval", "1000");
    config.put("heartbeat.timeout", "8000");
    config.put("io.tmp.dirs", home.resolve("tmp").toString());
    config.put("web.tmpdir", home.resolve("tmp").toString());
    // A user main() that calls System.exit must fail its submission, not end the JobManager.
    config.put("cluster.intercept-user-system-exit", "THROW");
    Files.write(
        home.resolve("conf/config.yaml"),
        config.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.toList()),
        StandardCharsets.UTF_8);
    Files.writeString(
        home.resolve("conf/log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = MainAppender",
            "appender.main.name = MainAppender",
            "appender.main.type = File",
            "appender.main.fileName = ${sys:log.file}",
            "appender.main.layout.type = PatternLayout",
            "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            ""),
        StandardCharsets.UTF_8);
  }

  private void startJobManager() throws IOException, InterruptedException {
    ResourceParams params = resourceParams("GET_JM_RESOURCE_PARAMS");
    launch(
        "jobmanager",
        params.jvmFlags(),
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
        params.dynamicProperties());
  }

  private void startTaskManager() throws IOException, InterruptedException {
    // Without the computed memory and CPU properties the TaskManager refuses to start
    // ("taskmanager.cpu.cores is not set"); bin/taskmanager.sh passes them the same way.
    ResourceParams params = resourceParams("GET_TM_RESOURCE_PARAMS");
    taskManager =
        launch(
            "taskmanager-" + taskManagers++,
            params.jvmFlags(),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            params.dynamicProperties());
  }

  /**
   * Kills the TaskManager with SIGKILL, as a crashed machine would: no shutdown hook runs and the
   * JobManager learns of it only when heartbeats stop.
   */
  void killTaskManager() throws InterruptedException {
    Process killed = taskManager;
    killed.descendants().forEach(ProcessHandle::destroyForcibly);
    killed.destroyForcibly();
    if (!killed.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("TaskManager " + killed.pid() + " survived SIGKILL");
    }
    processes.remove(killed);
  }

  /**
   * Starts a TaskManager with {@code slots} slots in place of a killed one, and waits until the
   * JobManager has dropped the dead one and registered it.
   */
  void restartTaskManager(int slots) throws Exception {
    startTaskManager();
    awaitSlots(slots);
  }

  /** What a client process printed and returned. */
  record ClientRun(int exitCode, String output) {}

  /**
   * {@code flink run <jar> <args>} as an operator types it: Flink's own command-line client ({@code
   * CliFrontend}, what {@code bin/flink} starts) in a process of its own, attached, against this
   * cluster's REST endpoint, with this cluster's configuration.
   */
  ClientRun flinkRun(Path jar, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
    command.addAll(JAVA_17_OPENS);
    command.add("-Dlog4j.configurationFile=file:" + home.resolve("conf/log4j-cli.properties"));
    command.addAll(List.of("-cp", lib + "/*", "org.apache.flink.client.cli.CliFrontend"));
    command.addAll(List.of("run", "-m", "localhost:" + restPort, jar.toString()));
    command.addAll(args);
    Files.writeString(
        home.resolve("conf/log4j-cli.properties"),
        String.join(
            "\n",
            "rootLogger.level = WARN",
            "rootLogger.appenderRef.console.ref = ConsoleAppender",
            "appender.console.name = ConsoleAppender",
            "appender.console.type = Console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c - %m%n",
            ""),
        StandardCharsets.UTF_8);
    Path output =
        home.resolve("log/client-" + UUID.randomUUID().toString().substring(0, 8) + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
    Process process = builder.start();
    processes.add(process);
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "flink run did not finish within "
                + timeout
                + ":\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      processes.remove(process);
    }
    return new ClientRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** {@code PATCH /jobs/{id}?mode=cancel}: cancels without a savepoint. */
  void cancel(String jobId) throws IOException, InterruptedException {
    send(
        HttpRequest.newBuilder(rest().resolve("/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
  }

  /**
   * Flink's own computation of a process's JVM flags and {@code -D} properties from config.yaml.
   */
  private ResourceParams resourceParams(String command) throws IOException, InterruptedException {
    Path output = home.resolve("log/" + command.toLowerCase(java.util.Locale.ROOT) + ".out");
    List<String> java = new ArrayList<>(List.of(javaBin(), "-Xmx128m", "-cp", lib + "/*"));
    java.addAll(
        List.of(
            "org.apache.flink.runtime.util.bash.BashJavaUtils",
            command,
            "--configDir",
            home.resolve("conf").toString()));
    Process process =
        new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within 60 s");
    }
    List<String> results =
        Files.readAllLines(output, StandardCharsets.UTF_8).stream()
            .filter(line -> line.startsWith(RESULT_PREFIX))
            .map(line -> line.substring(RESULT_PREFIX.length()).strip())
            .toList();
    if (process.exitValue() != 0 || results.size() < 2) {
      throw new IllegalStateException(
          command + " failed:\n" + Files.readString(output, StandardCharsets.UTF_8));
    }
    return new ResourceParams(split(results.get(0)), split(results.get(1)));
  }

  private Process launch(
      String name, List<String> jvmFlags, String mainClass, List<String> dynamicProperties)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBin());
    command.addAll(jvmFlags);
    command.addAll(JAVA_17_OPENS);
    command.add("-Dlog.file=" + home.resolve("log/" + name + ".log"));
    command.add("-Dlog4j.configurationFile=file:" + home.resolve("conf/log4j.properties"));
    command.addAll(List.of("-cp", lib + "/*", mainClass));
    command.addAll(List.of("--configDir", home.resolve("conf").toString()));
    command.addAll(dynamicProperties);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("log/" + name + ".out").toFile());
    builder.environment().putAll(environment);
    // The processes read only our conf/, never a cluster configuration of the machine.
    builder.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** Waits until REST answers and {@code /overview} shows one TaskManager with its slots. */
  private void awaitSlots(int slots) throws Exception {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    String last = "REST not up";
    while (System.nanoTime() < deadline) {
      synchronized (processes) {
        for (Process process : processes) {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "a Flink process exited with " + process.exitValue() + "\n" + logTails());
          }
        }
      }
      try {
        JsonNode overview = get("/overview");
        last = overview.toString();
        if (overview.path("taskmanagers").asInt() == 1
            && overview.path("slots-total").asInt() == slots) {
          return;
        }
      } catch (ConnectException | IllegalStateException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "cluster not ready within " + STARTUP_TIMEOUT + " (" + last + ")\n" + logTails());
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON from " + response.uri(), e);
    }
  }

  private static List<String> split(String line) {
    return Arrays.stream(line.split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String jarNamed(Path lib, String prefix) throws IOException {
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
          .findFirst()
          .orElse("missing-" + prefix);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private record ResourceParams(List<String> jvmFlags, List<String> dynamicProperties) {}
}
