package io.driftgate.kafka;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How the job's and the CLI's Kafka clients authenticate and encrypt: {@code security.protocol},
 * {@code sasl.mechanism}, and the JAAS configuration and TLS store passwords <em>by reference</em>
 * (a file, or an environment variable), so that no secret ever sits in a configuration file that is
 * committed, rendered into a manifest or printed with the job's configuration. The references are
 * resolved only when a client is built ({@link #clientProperties}), on the machine that builds it.
 *
 * <p>Both the job (its Flink configuration) and the CLI (its {@code --kafka-config} file) use the
 * same {@code driftgate.kafka.*} keys, parsed here, so a setting means the same in both.
 *
 * @param passThrough further Kafka client settings, from {@code driftgate.kafka.properties.<key>}
 */
public record KafkaSecurity(
    String protocol,
    String saslMechanism,
    String jaasConfigFile,
    Store truststore,
    Store keystore,
    Secret keyPassword,
    Map<String, String> passThrough)
    implements Serializable {

  public static final String PROTOCOL = "driftgate.kafka.security.protocol";
  public static final String SASL_MECHANISM = "driftgate.kafka.sasl.mechanism";
  public static final String JAAS_CONFIG_FILE = "driftgate.kafka.sasl.jaas-config-file";
  public static final String TRUSTSTORE = "driftgate.kafka.ssl.truststore";
  public static final String KEYSTORE = "driftgate.kafka.ssl.keystore";
  public static final String KEY_PASSWORD = "driftgate.kafka.ssl.key.password";
  public static final String PASS_THROUGH_PREFIX = "driftgate.kafka.properties.";

  /** Every key read here, besides those under {@link #PASS_THROUGH_PREFIX}. */
  public static final List<String> KEYS =
      List.of(
          PROTOCOL,
          SASL_MECHANISM,
          JAAS_CONFIG_FILE,
          TRUSTSTORE + ".location",
          TRUSTSTORE + ".password-file",
          TRUSTSTORE + ".password-env",
          KEYSTORE + ".location",
          KEYSTORE + ".password-file",
          KEYSTORE + ".password-env",
          KEY_PASSWORD + "-file",
          KEY_PASSWORD + "-env");

  /** Kafka's security protocols. */
  public static final List<String> PROTOCOLS =
      List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

  /** The SASL mechanisms driftgate supports: a password from a JAAS file, no Kerberos. */
  public static final List<String> SASL_MECHANISMS =
      List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /** Plaintext, as a client that sets nothing gets. */
  public static final KafkaSecurity PLAINTEXT =
      new KafkaSecurity("PLAINTEXT", null, null, null, null, null, Map.of());

  /**
   * Client keys driftgate sets itself, or that have their own option above: passing them through
   * would either break exactly-once (transactions, isolation, idempotence), or put a secret inline.
   */
  static final Set<String> OWNED_KEYS =
      Set.of(
          "bootstrap.servers",
          "group.id",
          "transactional.id",
          "transaction.timeout.ms",
          "isolation.level",
          "enable.idempotence",
          "enable.auto.commit",
          "acks",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer",
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.truststore.certificates",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.keystore.key",
          "ssl.keystore.certificate.chain",
          "ssl.key.password");

  public KafkaSecurity {
    passThrough = Map.copyOf(passThrough);
  }

  /**
   * A TLS store: its location and where its password is.
   *
   * @param password {@code null} for a store without password (a PEM trust store, say)
   */
  public record Store(String location, Secret password) implements Serializable {}

  /** A secret by reference: the file it is in, or the environment variable that holds it. */
  public record Secret(String file, String env) implements Serializable {

    String resolve(Function<String, String> environment, String key) {
      if (file != null) {
        return readStripped(Path.of(file), key);
      }
      String value = environment.apply(env);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(key + "-env: $" + env + " is not set");
      }
      return value.strip();
    }
  }

  /**
   * Reads the security settings from {@code settings} (the keys above), adding every problem to
   * {@code problems} named by its key; returns {@link #PLAINTEXT} when there are problems.
   */
  public static KafkaSecurity from(Map<String, String> settings, List<String> problems) {
    int before = problems.size();
    String protocol = value(settings, PROTOCOL);
    protocol = protocol == null ? "PLAINTEXT" : protocol.toUpperCase(java.util.Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      problems.add(PROTOCOL + ": '" + protocol + "' is not one of " + String.join(", ", PROTOCOLS));
    }
    boolean sasl = protocol.startsWith("SASL_");
    boolean tls = protocol.equals("SSL") || protocol.equals("SASL_SSL");
    String mechanism = value(settings, SASL_MECHANISM);
    String jaasFile = value(settings, JAAS_CONFIG_FILE);
    if (sasl) {
      if (mechanism == null) {
        problems.add(
            SASL_MECHANISM
                + " is required with "
                + PROTOCOL
                + "="
                + protocol
                + " (one of "
                + String.join(", ", SASL_MECHANISMS)
                + ")");
      } else if (!SASL_MECHANISMS.contains(mechanism.toUpperCase(java.util.Locale.ROOT))) {
        problems.add(
            SASL_MECHANISM
                + ": '"
                + mechanism
                + "' is not one of "
                + String.join(", ", SASL_MECHANISMS));
      } else {
        mechanism = mechanism.toUpperCase(java.util.Locale.ROOT);
      }
      if (jaasFile == null) {
        problems.add(JAAS_CONFIG_FILE + " is required with " + PROTOCOL + "=" + protocol);
      } else {
        readable(JAAS_CONFIG_FILE, jaasFile, problems);
      }
    } else {
      unused(settings, protocol, problems, SASL_MECHANISM, JAAS_CONFIG_FILE);
    }
    Store truststore = null;
    Store keystore = null;
    Secret keyPassword = null;
    if (tls) {
      truststore = store(settings, TRUSTSTORE, problems);
      keystore = store(settings, KEYSTORE, problems);
      keyPassword = secret(settings, KEY_PASSWORD, problems);
    } else {
      unused(
          settings,
          protocol,
          problems,
          TRUSTSTORE + ".location",
          TRUSTSTORE + ".password-file",
          TRUSTSTORE + ".password-env",
          KEYSTORE + ".location",
          KEYSTORE + ".password-file",
          KEYSTORE + ".password-env",
          KEY_PASSWORD + "-file",
          KEY_PASSWORD + "-env");
    }
    Map<String, String> passThrough = passThrough(settings, problems);
    if (problems.size() > before) {
      return PLAINTEXT;
    }
    return new KafkaSecurity(
        protocol,
        sasl ? mechanism : null,
        sasl ? jaasFile : null,
        truststore,
        keystore,
        keyPassword,
        passThrough);
  }

  /**
   * The Kafka client properties, secrets read now from their files or environment variables.
   *
   * @throws IllegalStateException naming the key whose secret cannot be read
   */
  public Map<String, String> clientProperties(Function<String, String> environment) {
    Map<String, String> properties = new TreeMap<>(passThrough);
    properties.put("security.protocol", protocol);
    if (saslMechanism != null) {
      properties.put("sasl.mechanism", saslMechanism);
      properties.put("sasl.jaas.config", readStripped(Path.of(jaasConfigFile), JAAS_CONFIG_FILE));
    }
    if (truststore != null) {
      properties.put("ssl.truststore.location", truststore.location());
      if (truststore.password() != null) {
        properties.put(
            "ssl.truststore.password",
            truststore.password().resolve(environment, TRUSTSTORE + ".password"));
      }
    }
    if (keystore != null) {
      properties.put("ssl.keystore.location", keystore.location());
      if (keystore.password() != null) {
        properties.put(
            "ssl.keystore.password",
            keystore.password().resolve(environment, KEYSTORE + ".password"));
      }
    }
    if (keyPassword != null) {
      properties.put("ssl.key.password", keyPassword.resolve(environment, KEY_PASSWORD));
    }
    return properties;
  }

  /** {@link #clientProperties} with the process's environment. */
  public Map<String, String> clientProperties() {
    return clientProperties(System::getenv);
  }

  private static Store store(Map<String, String> settings, String prefix, List<String> problems) {
    String location = value(settings, prefix + ".location");
    Secret password = secret(settings, prefix + ".password", problems);
    if (location == null) {
      if (password != null) {
        problems.add(prefix + ".password-* is set but " + prefix + ".location is not");
      }
      return null;
    }
    readable(prefix + ".location", location, problems);
    return new Store(location, password);
  }

  private static Secret secret(Map<String, String> settings, String prefix, List<String> problems) {
    String file = value(settings, prefix + "-file");
    String env = value(settings, prefix + "-env");
    if (file != null && env != null) {
      problems.add(prefix + "-file and " + prefix + "-env are both set; set one");
      return null;
    }
    if (file != null) {
      readable(prefix + "-file", file, problems);
      return new Secret(file, null);
    }
    return env == null ? null : new Secret(null, env);
  }

  private static Map<String, String> passThrough(
      Map<String, String> settings, List<String> problems) {
    Map<String, String> passThrough = new TreeMap<>();
    settings.forEach(
        (key, value) -> {
          if (!key.startsWith(PASS_THROUGH_PREFIX)) {
            return;
          }
          String clientKey = key.substring(PASS_THROUGH_PREFIX.length()).strip();
          if (clientKey.isEmpty()) {
            problems.add(key + ": no Kafka client key after " + PASS_THROUGH_PREFIX);
          } else if (OWNED_KEYS.contains(clientKey)) {
            problems.add(
                key
                    + ": driftgate sets "
                    + clientKey
                    + " itself (or from its own driftgate.kafka.* option, secrets from a file);"
                    + " it cannot be passed through");
          } else {
            passThrough.put(clientKey, value);
          }
        });
    return passThrough;
  }

  private static void unused(
      Map<String, String> settings, String protocol, List<String> problems, String... keys) {
    for (String key : keys) {
      if (value(settings, key) != null) {
        problems.add(key + " is set but has no effect with " + PROTOCOL + "=" + protocol);
      }
    }
  }

  private static void readable(String key, String file, List<String> problems) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      problems.add(key + ": cannot read " + file);
    }
  }

  private static String value(Map<String, String> settings, String key) {
    String value = settings.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String readStripped(Path file, String key) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(key + ": cannot read " + file, e);
    }
  }
}
