package io.driftgate.job;

import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control topic's gatekeeper, keyed by dataset: lets through the commands {@link CommandScreen}
 * accepts and refuses the rest, each refusal both dead-lettered with the message's bytes and
 * audited ({@link #REFUSALS}, a {@link Decision#refusedCommand} with the actor the command
 * claimed). Unparseable messages and commands for datasets without a contract are only
 * dead-lettered: there is no dataset to audit them under. A bad or hostile message never fails the
 * job.
 *
 * <p>Its keyed state is the screen's memory of each dataset's signed commands ({@link
 * SeenCommands}), bounded by the freshness window.
 */
public final class CommandGuard extends KeyedProcessFunction<String, ControlRecord, Command> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<Decision> REFUSALS =
      new OutputTag<>("refused-commands", DriftgateTypes.DECISION);

  private static final Logger LOG = LoggerFactory.getLogger(CommandGuard.class);

  private final ContractCatalog catalog;
  private final CommandScreen screen;
  private final OutputTag<DeadLetter> deadLetters;

  private transient ValueState<Long> latest;
  private transient MapState<String, Long> seen;
  private transient EnumMap<CommandRefusal, Counter> refusedCounters;

  public CommandGuard(
      ContractCatalog catalog, CommandScreen screen, OutputTag<DeadLetter> deadLetters) {
    this.catalog = catalog;
    this.screen = screen;
    this.deadLetters = deadLetters;
  }

  /** The key: a command's dataset; every message that is no command shares the empty key. */
  public static String keyOf(ControlRecord record) {
    return record.command() == null ? "" : record.command().dataset();
  }

  @Override
  public void open(OpenContext openContext) {
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-command", Types.LONG));
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-commands", Types.STRING, Types.LONG));
    MetricGroup group =
        getRuntimeContext().getMetricGroup().addGroup(JobMetrics.GROUP).addGroup("refused");
    refusedCounters = new EnumMap<>(CommandRefusal.class);
    for (CommandRefusal refusal : CommandRefusal.values()) {
      refusedCounters.put(refusal, group.addGroup("reason", refusal.name()).counter("commands"));
    }
  }

  @Override
  public void processElement(ControlRecord record, Context ctx, Collector<Command> out)
      throws Exception {
    Command command = record.command();
    if (command == null) {
      deadLetter(record, RejectReason.BAD_COMMAND, record.rejection(), ctx);
      return;
    }
    if (!catalog.knows(command.dataset())) {
      deadLetter(
          record,
          RejectReason.UNKNOWN_DATASET,
          "command "
              + command.commandId()
              + " names dataset "
              + command.dataset()
              + ", which has no contract",
          ctx);
      return;
    }
    CommandScreen.Verdict verdict =
        screen.screen(
            command,
            record.signature(),
            catalog.contract(command.dataset()).control(),
            record.observedAtMillis(),
            new StateMemory());
    if (verdict instanceof CommandScreen.Refused refused) {
      refuse(record, command, refused, ctx);
    } else {
      out.collect(command);
    }
  }

  private void refuse(
      ControlRecord record, Command command, CommandScreen.Refused refused, Context ctx) {
    CommandRefusal refusal = refused.refusal();
    LOG.warn(
        "Refused command {} of {} claiming actor {}: {} ({})",
        command.commandId(),
        command.dataset(),
        command.actor(),
        refusal,
        refused.detail());
    refusedCounters.get(refusal).inc();
    deadLetter(record, refusal.deadLetter(), refused.detail(), ctx);
    Instant at =
        record.observedAtMillis() >= 0
            ? Instant.ofEpochMilli(record.observedAtMillis())
            : command.at();
    ctx.output(
        REFUSALS,
        Decision.refusedCommand(
            command,
            refusal.audit(),
            "command " + command.commandId() + " refused: " + refused.detail(),
            messageKey(record),
            at));
  }

  private void deadLetter(ControlRecord record, RejectReason reason, String detail, Context ctx) {
    ctx.output(
        deadLetters,
        new DeadLetter(
            reason, detail, record.origin(), record.original(), record.observedAtMillis()));
  }

  /** Where the message was read, and a digest of its bytes: the same for a replay of the job. */
  static String messageKey(ControlRecord record) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(record.original() == null ? new byte[0] : record.original());
      return record.origin() + "#" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@link SeenCommands} in the current key's state. */
  private final class StateMemory implements SeenCommands {
    @Override
    public OptionalLong latest() throws Exception {
      Long value = latest.value();
      return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean contains(String commandId) throws Exception {
      return seen.contains(commandId);
    }

    @Override
    public void add(String commandId, long atMillis) throws Exception {
      seen.put(commandId, atMillis);
      Long value = latest.value();
      if (value == null || atMillis > value) {
        latest.update(atMillis);
      }
    }

    @Override
    public void forgetBefore(long atMillis) throws Exception {
      for (Iterator<Map.Entry<String, Long>> it = seen.iterator(); it.hasNext(); ) {
        if (it.next().getValue() < atMillis) {
          it.remove();
        }
      }
    }
  }
}
