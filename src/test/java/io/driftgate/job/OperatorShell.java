package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.cli.TestCli;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.JdbcSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code driftgate} commands as an operator's shell runs them against a test's broker, control
 * topic and database: every command must succeed.
 */
record OperatorShell(KafkaBroker kafka, String controlTopic, JdbcSettings db) {

  /** {@code driftgate rollout <args> --bootstrap-servers ... --topic <control>}. */
  TestCli.Result rollout(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "rollout";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--bootstrap-servers";
    all[args.length + 2] = kafka.bootstrapServers();
    all[args.length + 3] = "--topic";
    all[args.length + 4] = controlTopic;
    return succeeded(TestCli.run(Map.of(), all));
  }

  /** {@code driftgate <args>} with the database in the environment. */
  TestCli.Result cli(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DRIFTGATE_JDBC_URL", db.url());
    if (db.user() != null) {
      env.put("DRIFTGATE_JDBC_USER", db.user());
    }
    return succeeded(TestCli.run(env, args));
  }

  private static TestCli.Result succeeded(TestCli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return result;
  }
}
