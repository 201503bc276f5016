package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes the outcomes on and the messages that were none to the dead letters, with their reason.
 * Counts every message in ({@code outcomes_in}) and every dead letter by reason, where the records'
 * are counted: the first term and the last of outcomes in = counted + uncounted + unjudged +
 * rejected.
 */
final class OutcomeCheck extends ProcessFunction<OutcomeRead, Outcome> {

  private static final long serialVersionUID = 1L;

  private final OutputTag<DeadLetter> deadLetters;
  private transient Counter in;
  private transient Map<RejectReason, Counter> rejected;

  OutcomeCheck(OutputTag<DeadLetter> deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext openContext) {
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(JobMetrics.GROUP);
    in = group.counter(JobMetrics.OUTCOMES_IN);
    rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, JobMetrics.rejectedOutcomes(group, reason));
    }
  }

  @Override
  public void processElement(OutcomeRead read, Context ctx, Collector<Outcome> out) {
    in.inc();
    if (read.outcome() != null) {
      out.collect(read.outcome());
    } else {
      rejected.get(read.rejected().reason()).inc();
      ctx.output(deadLetters, read.rejected());
    }
  }
}
