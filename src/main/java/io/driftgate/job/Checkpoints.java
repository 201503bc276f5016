package io.driftgate.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The checkpoint interval and timeout the job will run with: Flink's {@code
 * execution.checkpointing.*} keys where the cluster or the command line sets them, else driftgate's
 * own. Resolved here, from the same configuration the environment is built from, because the Kafka
 * transactions' timeout is derived from them and must fit what the checkpoint coordinator will
 * really do; each value keeps the key it came from, so that a complaint names the key to change.
 */
public record Checkpoints(
    Duration interval, String intervalKey, Duration timeout, String timeoutKey)
    implements Serializable {

  private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofHours(1);

  static Checkpoints from(Configuration config, List<String> problems) {
    Setting interval =
        setting(
            config,
            CheckpointingOptions.CHECKPOINTING_INTERVAL,
            DriftgateOptions.CHECKPOINT_INTERVAL,
            MIN_INTERVAL,
            problems);
    Setting timeout =
        setting(
            config,
            CheckpointingOptions.CHECKPOINTING_TIMEOUT,
            DriftgateOptions.CHECKPOINT_TIMEOUT,
            MIN_TIMEOUT,
            problems);
    return new Checkpoints(interval.value(), interval.key(), timeout.value(), timeout.key());
  }

  /**
   * How long a Kafka sink's transaction stays open when nothing goes wrong but slowness: it opens
   * at one checkpoint's barrier and commits once the next checkpoint, triggered an interval later,
   * completes within its timeout.
   */
  public Duration intervalPlusTimeout() {
    return interval.plus(timeout);
  }

  /** Flink's own key when set (Flink checks its range), else driftgate's, checked here. */
  private static Setting setting(
      Configuration config,
      ConfigOption<Duration> flink,
      ConfigOption<Duration> driftgate,
      Duration min,
      List<String> problems) {
    if (config.contains(flink)) {
      return new Setting(config.get(flink), flink.key());
    }
    Duration value = config.get(driftgate);
    if (value.compareTo(min) < 0 || value.compareTo(MAX) > 0) {
      problems.add(driftgate.key() + " is " + value + ", must be between " + min + " and " + MAX);
    }
    return new Setting(value, driftgate.key());
  }

  private record Setting(Duration value, String key) {}
}
