package io.driftgate.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * The metrics an operator registers in a test harness, by their scoped names: a harness's default
 * environment registers nothing, so a counter an operator keeps in a subgroup (as every driftgate
 * metric is, under {@link JobMetrics#GROUP}) cannot be read back from it.
 */
final class HarnessMetrics {

  private final Map<String, Metric> metrics = new ConcurrentHashMap<>();
  private final TaskMetricGroup task;

  HarnessMetrics() {
    TestingMetricRegistry registry =
        TestingMetricRegistry.builder()
            .setRegisterConsumer(
                (metric, name, group) -> metrics.put(group.getMetricIdentifier(name), metric))
            .build();
    task =
        TaskManagerMetricGroup.createTaskManagerMetricGroup(
                registry, "localhost", ResourceID.generate())
            .addJob(new JobID(), "harness")
            .addTask(ExecutionAttemptID.randomId(), "harness");
  }

  /** An environment for a harness whose operators register their metrics here. */
  MockEnvironment environment() {
    return new MockEnvironmentBuilder()
        .setTaskName("harness")
        .setMaxParallelism(1)
        .setParallelism(1)
        .setSubtaskIndex(0)
        .setMetricGroup(task)
        .build();
  }

  /** The count of the one counter whose scoped name ends with {@code suffix}. */
  long counter(String suffix) {
    Metric[] found =
        metrics.entrySet().stream()
            .filter(e -> e.getKey().endsWith(suffix) && e.getValue() instanceof Counter)
            .map(Map.Entry::getValue)
            .toArray(Metric[]::new);
    if (found.length != 1) {
      throw new AssertionError(
          found.length + " counters end with " + suffix + " among " + metrics.keySet());
    }
    return ((Counter) found[0]).getCount();
  }
}
