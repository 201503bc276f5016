package io.driftgate.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.driftgate.contract.ContractException;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.RolloutPlans;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Preflight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The control topic's format, read by the job and written by the CLI:
 *
 * <pre>{@code
 * {"command":"start","command_id":"c-17","dataset":"features.customer_profile","actor":"ada",
 *  "at":"2026-11-24T10:00:00Z","candidate_version":"v42","baseline_version":"v41",
 *  "plan":{"rollbackWindow":3,"stages":[{"exposure":1,"minDuration":"PT10M","minSamples":1000}]},
 *  "key_id":"ada-3f2a9c01b7d4","signature":"q1X...=="}
 * }</pre>
 *
 * <p>{@code command} is one of {@code start, approve, pause, resume, abort, rollback}. {@code
 * approve} adds {@code stage} (0-based); {@code abort} and {@code rollback} add {@code reason}.
 * {@code plan} has the shape and rules of the contract's {@code x-driftgate.rollout} block, with
 * exposures in percent. A start may name the candidate's {@code location} (where consumers read it)
 * and carry a {@code preflight}: the whole candidate's profile and the baseline's, Base64 of their
 * bytes, with where they were read and how many rows could not be. A start without a plan reads as
 * {@link Command.Start} with a {@code null} plan, meaning "the contract's plan": the job fills it
 * in, since only it knows the contract.
 *
 * <p>Every command may carry a signature, {@code key_id} and {@code signature}, both or neither
 * ({@link ControlSignature}); {@link #toBytes(Command, ControlSignature)} writes them after the
 * command's own members. The signature covers the command as {@link #toBytes(Command)} writes it
 * (see {@code io.driftgate.auth.CommandSignatures}): this class only reads and writes the members,
 * whether they hold is the job's question.
 *
 * <p>Keys outside a command's own are refused, so a misspelt {@code candidate_verison} is reported
 * rather than silently ignored. Control messages are rare, so this reads a tree, not a stream.
 */
public final class ControlJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  /** The longest location the database's {@code version_location} holds. */
  public static final int MAX_LOCATION_LENGTH = 2048;

  private static final String KEY_ID = "key_id";
  private static final String SIGNATURE = "signature";
  private static final Set<String> COMMON =
      Set.of("command", "command_id", "dataset", "actor", "at", KEY_ID, SIGNATURE);
  private static final Set<String> START =
      union(COMMON, "candidate_version", "baseline_version", "plan", "location", "preflight");

  private static final Set<String> APPROVE = union(COMMON, "stage");
  private static final Set<String> WITH_REASON = union(COMMON, "reason");

  private ControlJson() {}

  /** Never throws: anything that is not a valid command is a {@link ControlResult.Rejected}. */
  public static ControlResult parse(byte[] value) {
    if (value == null || value.length == 0) {
      return new ControlResult.Rejected(null, null, "empty control message");
    }
    JsonNode message;
    try {
      message = JSON.readTree(value);
    } catch (JacksonException e) {
      return new ControlResult.Rejected(null, null, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new ControlResult.Rejected(null, null, "unreadable: " + e.getMessage());
    }
    if (message == null || !message.isObject()) {
      String got = message == null ? "nothing" : ControlFields.describe(message);
      return new ControlResult.Rejected(null, null, "expected a JSON object, got " + got);
    }
    return read(new ControlFields(message));
  }

  private static ControlResult read(ControlFields m) {
    String kind = m.text("command");
    String commandId = m.text("command_id");
    String dataset = m.text("dataset");
    String actor = m.text("actor");
    Instant at = m.instant("at");
    Command command = null;
    if (kind != null) {
      command =
          switch (kind) {
            case "start" -> start(m, commandId, dataset, actor, at);
            case "approve" -> {
              m.rejectUnknownKeys(APPROVE);
              Integer stage = m.index("stage");
              yield stage == null
                  ? null
                  : new Command.Approve(commandId, dataset, actor, at, stage);
            }
            case "pause" -> {
              m.rejectUnknownKeys(COMMON);
              yield new Command.Pause(commandId, dataset, actor, at);
            }
            case "resume" -> {
              m.rejectUnknownKeys(COMMON);
              yield new Command.Resume(commandId, dataset, actor, at);
            }
            case "abort" -> {
              m.rejectUnknownKeys(WITH_REASON);
              yield new Command.Abort(commandId, dataset, actor, at, m.text("reason"));
            }
            case "rollback" -> {
              m.rejectUnknownKeys(WITH_REASON);
              yield new Command.ManualRollback(commandId, dataset, actor, at, m.text("reason"));
            }
            default -> {
              m.problem(
                  "unknown command \""
                      + kind
                      + "\", expected one of: start, approve, pause, resume, abort, rollback");
              yield null;
            }
          };
    }
    ControlSignature signature = signature(m);
    if (!m.problems().isEmpty() || command == null) {
      return new ControlResult.Rejected(
          m.peek("command_id"), m.peek("dataset"), String.join("; ", m.problems()));
    }
    return new ControlResult.Accepted(command, signature);
  }

  /** Both members or neither: one alone is a mistake, not an unsigned command. */
  private static ControlSignature signature(ControlFields m) {
    if (m.get(KEY_ID) == null && m.get(SIGNATURE) == null) {
      return null;
    }
    String keyId = m.text(KEY_ID);
    String signature = m.text(SIGNATURE);
    return keyId == null || signature == null ? null : new ControlSignature(keyId, signature);
  }

  private static Command start(
      ControlFields m, String commandId, String dataset, String actor, Instant at) {
    m.rejectUnknownKeys(START);
    String candidate = m.text("candidate_version");
    String baseline = m.text("baseline_version");
    RolloutPlan plan = null;
    JsonNode planNode = m.get("plan");
    if (planNode != null && !planNode.isNull()) {
      try {
        plan = RolloutPlans.fromTree(planNode, "plan");
      } catch (ContractException e) {
        e.problems()
            .forEach(p -> m.problem(p.path().isEmpty() ? "plan: " + p.problem() : "plan." + p));
      }
    }
    String location = m.get("location") == null ? null : location(m);
    Preflight preflight = PreflightJson.read(m, "preflight");
    return new Command.Start(
        commandId, dataset, actor, at, candidate, baseline, plan, location, preflight);
  }

  /** As {@code version_location.location} holds it: one line, at most 2048 characters. */
  private static String location(ControlFields m) {
    String location = m.text("location");
    if (location == null) {
      return null;
    }
    if (location.length() > MAX_LOCATION_LENGTH) {
      m.problem("location: " + location.length() + " characters, at most " + MAX_LOCATION_LENGTH);
      return null;
    }
    if (location.chars().anyMatch(Character::isISOControl)) {
      m.problem("location: holds a control character");
      return null;
    }
    return location;
  }

  /**
   * The unsigned message {@link #parse} reads back as an equal command; also the canonical form a
   * signature covers, so its bytes for a given command must never change.
   */
  public static byte[] toBytes(Command command) {
    return toBytes(command, null);
  }

  /**
   * The message {@link #parse} reads back as an equal command with this signature.
   *
   * @param signature written after the command's own members; {@code null} for an unsigned message
   */
  public static byte[] toBytes(Command command, ControlSignature signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("command", kind(command));
      json.writeStringField("command_id", command.commandId());
      json.writeStringField("dataset", command.dataset());
      json.writeStringField("actor", command.actor());
      json.writeStringField("at", command.at().toString());
      if (command instanceof Command.Start start) {
        json.writeStringField("candidate_version", start.candidateVersion());
        json.writeStringField("baseline_version", start.baselineVersion());
        if (start.plan() != null) {
          json.writeFieldName("plan");
          PlanJson.write(json, start.plan());
        }
        if (start.location() != null) {
          json.writeStringField("location", start.location());
        }
        if (start.preflight() != null) {
          json.writeFieldName("preflight");
          PreflightJson.write(json, start.preflight());
        }
      } else if (command instanceof Command.Approve approve) {
        json.writeNumberField("stage", approve.stageIndex());
      } else if (command instanceof Command.Abort abort) {
        json.writeStringField("reason", abort.reason());
      } else if (command instanceof Command.ManualRollback rollback) {
        json.writeStringField("reason", rollback.reason());
      }
      if (signature != null) {
        json.writeStringField(KEY_ID, signature.keyId());
        json.writeStringField(SIGNATURE, signature.signature());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a command to memory", e);
    }
    return out.toByteArray();
  }

  private static String kind(Command command) {
    if (command instanceof Command.Start) {
      return "start";
    } else if (command instanceof Command.Approve) {
      return "approve";
    } else if (command instanceof Command.Pause) {
      return "pause";
    } else if (command instanceof Command.Resume) {
      return "resume";
    } else if (command instanceof Command.Abort) {
      return "abort";
    }
    return "rollback";
  }

  private static Set<String> union(Set<String> base, String... more) {
    return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
  }
}
