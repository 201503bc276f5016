package io.driftgate.job;

import io.driftgate.auth.Authenticator;
import io.driftgate.contract.ControlAction;
import io.driftgate.contract.ControlPolicy;
import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlSignature;
import java.io.Serializable;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Decides whether a command may reach its dataset's rollout at all, before any of its state sees
 * it: its signature (when the job requires one), its freshness, whether its id was seen, and
 * whether the contract's control policy lets its actor send it. What depends on the rollout (four
 * eyes, the alias, a plan's limits) is the gate's to check ({@code io.driftgate.gate}).
 *
 * <p>Freshness is judged on signed times, which only key holders can set: a command is stale when
 * its signed time is more than the maximum age away from its Kafka timestamp (a copy re-sent
 * later), or more than the maximum age behind the newest command of its dataset let through (a copy
 * re-sent with a forged timestamp). Ids are remembered as long as a copy would not be stale, so
 * every copy is refused one way or the other and the memory stays bounded. An unsigned or forged
 * command moves nothing: not the newest time, not the ids.
 */
public final class CommandScreen implements Serializable {

  private static final long serialVersionUID = 1L;

  private final ControlAuth auth;
  private final Authenticator authenticator;

  /**
   * @param authenticator verifies signatures; {@code null} when {@code auth} does not require them
   */
  public CommandScreen(ControlAuth auth, Authenticator authenticator) {
    if (auth.required() && authenticator == null) {
      throw new IllegalArgumentException("signed commands need an authenticator");
    }
    this.auth = auth;
    this.authenticator = auth.required() ? authenticator : null;
  }

  /** The verdict on one command. */
  public sealed interface Verdict permits Passed, Refused {}

  public record Passed() implements Verdict {}

  public record Refused(CommandRefusal refusal, String detail) implements Verdict {}

  /**
   * @param sentAtMillis the message's Kafka timestamp; negative when it has none
   * @param seen the command's dataset's memory, updated when the command passes
   */
  public Verdict screen(
      Command command,
      ControlSignature signature,
      ControlPolicy policy,
      long sentAtMillis,
      SeenCommands seen)
      throws Exception {
    if (authenticator != null) {
      Verdict signed = authenticate(command, signature, sentAtMillis, seen);
      if (signed instanceof Refused) {
        return signed;
      }
    }
    ControlAction action = actionOf(command);
    int stage = command instanceof Command.Approve approve ? approve.stageIndex() : -1;
    if (!policy.allows(command.actor(), action, stage)) {
      return new Refused(
          CommandRefusal.NOT_ALLOWED,
          command.actor()
              + " may not "
              + action.spelling()
              + " "
              + command.dataset()
              + ": "
              + policy.describeAllowed(action, stage));
    }
    if (authenticator != null) {
      long at = command.at().toEpochMilli();
      seen.add(command.commandId(), at);
      seen.forgetBefore(seen.latest().orElse(at) - auth.maxAge().toMillis());
    }
    return new Passed();
  }

  private Verdict authenticate(
      Command command, ControlSignature signature, long sentAtMillis, SeenCommands seen)
      throws Exception {
    Authenticator.Verdict verdict = authenticator.verify(command, signature);
    if (verdict instanceof Authenticator.Refused refused) {
      return new Refused(CommandRefusal.of(refused.failure()), refused.detail());
    }
    long at = command.at().toEpochMilli();
    long maxAge = auth.maxAge().toMillis();
    if (sentAtMillis >= 0 && Math.abs(at - sentAtMillis) > maxAge) {
      return new Refused(
          CommandRefusal.STALE,
          String.format(
              "command %s was signed for %s but sent at %s, more than %s apart",
              command.commandId(),
              command.at(),
              Instant.ofEpochMilli(sentAtMillis),
              auth.maxAge()));
    }
    OptionalLong latest = seen.latest();
    if (latest.isPresent() && at < latest.getAsLong() - maxAge) {
      return new Refused(
          CommandRefusal.STALE,
          String.format(
              "command %s was signed for %s, more than %s before the newest command of %s (%s)",
              command.commandId(),
              command.at(),
              auth.maxAge(),
              command.dataset(),
              Instant.ofEpochMilli(latest.getAsLong())));
    }
    if (seen.contains(command.commandId())) {
      return new Refused(
          CommandRefusal.REPLAYED,
          "command " + command.commandId() + " of " + command.dataset() + " was seen before");
    }
    return new Passed();
  }

  static ControlAction actionOf(Command command) {
    if (command instanceof Command.Start) {
      return ControlAction.START;
    } else if (command instanceof Command.Approve) {
      return ControlAction.APPROVE;
    } else if (command instanceof Command.Pause) {
      return ControlAction.PAUSE;
    } else if (command instanceof Command.Resume) {
      return ControlAction.RESUME;
    } else if (command instanceof Command.Abort) {
      return ControlAction.ABORT;
    }
    return ControlAction.ROLLBACK;
  }
}
