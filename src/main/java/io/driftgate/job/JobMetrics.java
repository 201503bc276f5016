package io.driftgate.job;

import io.driftgate.wire.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Names of the job's metrics, in one place so dashboards and tests can rely on them. */
public final class JobMetrics {

  /** The metric group every driftgate metric lives in. */
  public static final String GROUP = "driftgate";

  private JobMetrics() {}

  /** In = ok + rejected, by construction: every record increments {@code in} and one other. */
  public static final class RecordCounters {
    final Counter in;
    final Counter ok;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

    RecordCounters(MetricGroup group) {
      this.in = group.counter("records_in");
      this.ok = group.counter("records_ok");
      MetricGroup byReason = group.addGroup("rejected");
      for (RejectReason reason : RejectReason.values()) {
        rejected.put(reason, byReason.addGroup("reason", reason.name()).counter("records"));
      }
    }

    Counter rejected(RejectReason reason) {
      return rejected.get(reason);
    }
  }
}
