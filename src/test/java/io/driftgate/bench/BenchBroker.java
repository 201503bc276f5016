package io.driftgate.bench;

import io.driftgate.kafka.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka broker a benchmark reads from, in one of three places ({@code -Dbroker=...}):
 *
 * <ul>
 *   <li>{@code inside} (the default): a {@link KafkaBroker} in the benchmark's own JVM, competing
 *       with the job for its heap, its GC and its cores, and showing up in its profiles;
 *   <li>{@code fork}: a {@link KafkaBroker} in a child JVM ({@link #main}), started with the
 *       benchmark's classpath, its bootstrap address read from the child's first line of output,
 *       destroyed at {@link #close()} (and by a shutdown hook, and by the child itself when its
 *       standard input closes, so a killed benchmark leaves no broker behind);
 *   <li>{@code host:port}: an external broker that is already running; the benchmark only creates
 *       its topics there.
 * </ul>
 *
 * <p>Only the in-JVM broker shares the benchmark's process: with the other two a profile of the
 * benchmark JVM (JFR) holds the job alone, and GC pauses are the job's.
 */
final class BenchBroker implements AutoCloseable {

  /** What the child prints, then the bootstrap address. */
  static final String READY = "BENCH-BROKER-BOOTSTRAP=";

  private final String where;
  private KafkaBroker inside;
  private Process child;
  private Thread reaper;
  private String bootstrap;
  private Admin admin;

  /**
   * @param where {@code inside}, {@code fork} or {@code host:port}
   */
  BenchBroker(String where) {
    this.where = where;
  }

  static BenchBroker fromSystemProperties() {
    String bootstrap = System.getProperty("bootstrap");
    return new BenchBroker(bootstrap != null ? bootstrap : System.getProperty("broker", "inside"));
  }

  /** Where the broker runs, for the benchmark's header line. */
  String describe() {
    return switch (where) {
      case "inside" -> "in the benchmark's JVM";
      case "fork" -> "in a child JVM (pid " + (child == null ? "?" : child.pid()) + ")";
      default -> "external at " + where;
    };
  }

  void start() throws Exception {
    switch (where) {
      case "inside" -> {
        inside = new KafkaBroker();
        inside.start();
        bootstrap = inside.bootstrapServers();
      }
      case "fork" -> bootstrap = fork();
      default -> bootstrap = where;
    }
    if (inside == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
  }

  String bootstrapServers() {
    return bootstrap;
  }

  void createTopic(String name, int partitions) {
    if (inside != null) {
      inside.createTopic(name, partitions);
      return;
    }
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e.getCause());
    }
  }

  /**
   * Starts {@link #main} in a child JVM with this JVM's classpath and {@code -Dbroker.jvmArgs}
   * (default {@code -Xmx1g}), and waits for its bootstrap address.
   */
  private String fork() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    for (String arg : System.getProperty("broker.jvmArgs", "-Xmx1g").split(" ")) {
      if (!arg.isBlank()) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchBroker.class.getName());
    child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    reaper = new Thread(this::destroyChild, "bench-broker-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(READY)) {
        String address = line.substring(READY.length()).trim();
        // Keep draining the child's log so that it never blocks on a full pipe.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // discard
                    }
                  } catch (IOException e) {
                    // the child is gone
                  }
                },
                "bench-broker-log");
        drain.setDaemon(true);
        drain.start();
        return address;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    destroyChild();
    throw new IllegalStateException("the broker JVM did not print its bootstrap address");
  }

  private void destroyChild() {
    Process process = child;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws Exception {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (inside != null) {
      inside.close();
      inside = null;
    }
    if (child != null) {
      destroyChild();
      Runtime.getRuntime().removeShutdownHook(reaper);
      child = null;
    }
  }

  /**
   * The child: starts a {@link KafkaBroker}, prints {@link #READY} and its bootstrap address, and
   * runs until its standard input closes (the parent ended or closed it) or it is terminated.
   */
  public static void main(String[] args) throws Exception {
    KafkaBroker broker = new KafkaBroker();
    broker.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    broker.close();
                  } catch (Exception e) {
                    // exiting anyway
                  }
                }));
    System.out.println(READY + broker.bootstrapServers());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to go away
    }
    System.exit(0);
  }
}
