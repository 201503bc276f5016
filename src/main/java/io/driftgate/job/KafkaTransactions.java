package io.driftgate.job;

import static io.driftgate.job.DriftgateOptions.TRANSACTIONAL_ID_PREFIX;
import static io.driftgate.job.DriftgateOptions.TRANSACTION_TIMEOUT;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * How the exactly-once Kafka sinks name their transactions and how long the brokers let one stay
 * open.
 *
 * <p><b>The timeout.</b> A sink's writer opens a transaction at one checkpoint's barrier and
 * pre-commits it at the next; only when that next checkpoint completes does the committer commit
 * it. A broker aborts a transaction older than its {@code transaction.timeout.ms}, and the
 * committer then finds it fenced: its records are lost, not replayed, because the checkpoint that
 * holds them has completed (the connector logs "…most likely signals data loss"). The timeout must
 * therefore outlive the slowest checkpoint that still completes. With one checkpoint at a time (the
 * default), the next one is triggered only after the current one ends, so a transaction can stay
 * open for an interval plus two timeouts plus the minimum pause; {@code 2 × (interval + timeout)}
 * covers that for any pause up to the interval — and equally a next checkpoint that times out when
 * one failure is tolerated, its successor then committing. One more minute covers the commit round
 * trip. The result is never below 15 min, the brokers' default {@code transaction.max.timeout.ms}:
 * slack is free while checkpoints are healthy (every transaction commits within about an interval),
 * and it is what covers a restart between a checkpoint's completion and its commit, after which the
 * restored committer commits the transaction only if the broker has not yet timed it out. The price
 * of a long timeout is paid only by a transaction nobody restores (a job cancelled without a
 * savepoint and never restarted): it holds back {@code read_committed} readers of its partitions
 * until the broker times it out.
 *
 * <p>An explicit timeout below interval + timeout is refused: a checkpoint that merely runs to its
 * timeout would then lose data. One above the brokers' limit is refused too, at submission, by
 * {@link BrokerTransactionLimit}.
 *
 * <p><b>The ids.</b> The connector (naming strategy {@code INCREMENTING}, its default) names each
 * transaction {@code <sink prefix>-<subtask>-<checkpoint>}. On a restore each writer aborts the
 * transactions a previous run left open by probing those ids from the restored checkpoint on, under
 * the prefix it is given (and under the one in its restored state, should the two differ); and it
 * fences any other producer using the same id. So the prefix must be the same every time one job
 * starts, which a pure function of its configuration is, and different between jobs: two jobs with
 * one prefix fence each other's producers and abort each other's open transactions, failing over in
 * turn and losing pre-committed output. The default makes the job's name ({@code pipeline.name})
 * and each sink's topic part of the prefix, so jobs that write different topics never collide, and
 * jobs that share a topic differ as soon as their names do.
 *
 * @param idPrefix the start of every sink's transactional ids: {@code
 *     driftgate.kafka.transactional-id-prefix}, else the job's name
 * @param timeout the producers' {@code transaction.timeout.ms}
 */
public record KafkaTransactions(String idPrefix, Duration timeout) implements Serializable {

  /** The brokers' default {@code transaction.max.timeout.ms}. */
  private static final Duration FLOOR = Duration.ofMinutes(15);

  private static final Duration COMMIT_MARGIN = Duration.ofMinutes(1);

  /** {@code max(15 min, 2 × (interval + timeout) + 1 min)}; see the class comment for why. */
  private static Duration derivedTimeout(Checkpoints checkpoints) {
    Duration needed = checkpoints.intervalPlusTimeout().multipliedBy(2).plus(COMMIT_MARGIN);
    return needed.compareTo(FLOOR) > 0 ? needed : FLOOR;
  }

  /**
   * The transactional-id prefix of the sink that writes {@code role}'s records to {@code topic}:
   * the role keeps two sinks of one job apart should they share a topic.
   */
  public String sinkIdPrefix(String role, String topic) {
    return idPrefix + "-" + role + "-" + topic;
  }

  static KafkaTransactions from(
      Configuration config, String jobName, Checkpoints checkpoints, List<String> problems) {
    String prefix = config.getOptional(TRANSACTIONAL_ID_PREFIX).orElse(jobName);
    if (prefix.isBlank()) {
      problems.add(TRANSACTIONAL_ID_PREFIX.key() + " must not be blank");
    }
    Optional<Duration> explicit = config.getOptional(TRANSACTION_TIMEOUT);
    explicit
        .filter(timeout -> timeout.compareTo(checkpoints.intervalPlusTimeout()) < 0)
        .ifPresent(timeout -> problems.add(tooShort(timeout, checkpoints)));
    return new KafkaTransactions(
        prefix.strip(), explicit.orElseGet(() -> derivedTimeout(checkpoints)));
  }

  private static String tooShort(Duration timeout, Checkpoints checkpoints) {
    return TRANSACTION_TIMEOUT.key()
        + " is "
        + timeout
        + ", shorter than "
        + checkpoints.intervalKey()
        + " ("
        + checkpoints.interval()
        + ") + "
        + checkpoints.timeoutKey()
        + " ("
        + checkpoints.timeout()
        + ") = "
        + checkpoints.intervalPlusTimeout()
        + ": a transaction open while a checkpoint runs to its timeout would be aborted by the"
        + " broker before it commits, and its records lost. Raise it, or leave it unset for "
        + derivedTimeout(checkpoints);
  }
}
