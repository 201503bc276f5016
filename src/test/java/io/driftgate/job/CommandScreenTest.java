package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.auth.Authenticator;
import io.driftgate.auth.CommandSignatures;
import io.driftgate.auth.KeyFiles;
import io.driftgate.auth.KeyRegistry;
import io.driftgate.auth.SigningKey;
import io.driftgate.contract.Actors;
import io.driftgate.contract.ControlAction;
import io.driftgate.contract.ControlPolicy;
import io.driftgate.contract.PlanPolicy;
import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlSignature;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control step's verdicts, without Flink: signatures, freshness, replays and the policy. */
class CommandScreenTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final String DATASET = "it.features";

  @TempDir static Path keys;

  private static SigningKey alice;
  private static SigningKey mallory;
  private static CommandScreen screen;

  private final Memory seen = new Memory();

  @BeforeAll
  static void generateKeys() throws Exception {
    alice = SigningKey.read(KeyFiles.generate("alice", keys).privateKeyFile());
    mallory = SigningKey.read(KeyFiles.generate("mallory", keys).privateKeyFile());
    screen =
        new CommandScreen(
            new ControlAuth(ControlAuth.Mode.REQUIRED, keys.toString(), MAX_AGE),
            new Authenticator(KeyRegistry.inDirectory(keys.toString())));
  }

  @Test
  void aCommandSignedByItsActorPassesAndIsRemembered() throws Exception {
    Command start = start("c-1", "alice", T0);

    assertThat(screen(start, signed(start, alice), T0)).isInstanceOf(CommandScreen.Passed.class);
    assertThat(seen.ids).containsOnlyKeys("c-1");
    assertThat(seen.latest()).hasValue(T0.toEpochMilli());
  }

  @Test
  void unsignedForgedUnknownKeyAndWrongActorCommandsAreRefusedAndRememberNothing()
      throws Exception {
    Command start = start("c-1", "alice", T0);
    Command other = start("c-1", "alice", T0.plusSeconds(1));

    assertThat(refusal(screen(start, null, T0))).isEqualTo(CommandRefusal.UNSIGNED);
    assertThat(refusal(screen(other, signed(start, alice), T0)))
        .isEqualTo(CommandRefusal.BAD_SIGNATURE);
    assertThat(refusal(screen(start, new ControlSignature("eve-0123456789ab", "AAAA"), T0)))
        .isEqualTo(CommandRefusal.UNKNOWN_KEY);
    assertThat(refusal(screen(start, signed(start, mallory), T0)))
        .isEqualTo(CommandRefusal.WRONG_ACTOR);
    assertThat(seen.ids).isEmpty();
    assertThat(seen.latest()).isEmpty();
  }

  @Test
  void aCopyOfACommandIsRefusedAsReplayedWhileItsIdIsRemembered() throws Exception {
    Command start = start("c-1", "alice", T0);
    screen(start, signed(start, alice), T0);

    CommandScreen.Verdict copy = screen(start, signed(start, alice), T0.plusSeconds(30));

    assertThat(refusal(copy)).isEqualTo(CommandRefusal.REPLAYED);
    assertThat(((CommandScreen.Refused) copy).detail())
        .isEqualTo("command c-1 of it.features was seen before");
  }

  @Test
  void aCommandSentLongAfterItWasSignedIsStale() throws Exception {
    Command start = start("c-1", "alice", T0);

    CommandScreen.Verdict late =
        screen(start, signed(start, alice), T0.plus(MAX_AGE).plusMillis(1));

    assertThat(refusal(late)).isEqualTo(CommandRefusal.STALE);
    assertThat(((CommandScreen.Refused) late).detail())
        .isEqualTo(
            "command c-1 was signed for 2026-06-01T10:00:00Z but sent at"
                + " 2026-06-01T10:05:00.001Z, more than PT5M apart");
  }

  /**
   * A copy re-sent once its id is forgotten, with a Kafka timestamp forged to match: stale against
   * the newest command of its dataset, so forgetting ids loses nothing.
   */
  @Test
  void anOldCopyWithAForgedTimestampIsStaleAgainstTheDatasetsNewestCommand() throws Exception {
    Command old = start("c-old", "alice", T0);
    screen(old, signed(old, alice), T0);
    Command later = pause("c-later", "alice", T0.plus(MAX_AGE).plusSeconds(1));
    screen(later, signed(later, alice), later.at());

    assertThat(seen.ids).containsOnlyKeys("c-later");
    assertThat(refusal(screen(old, signed(old, alice), T0))).isEqualTo(CommandRefusal.STALE);
  }

  @Test
  void thePolicyRefusesAnActorItDoesNotAllowWithTheAllowedOnes() throws Exception {
    ControlPolicy policy =
        new ControlPolicy(
            true,
            true,
            Map.of(ControlAction.START, new Actors(false, List.of("alice"))),
            Map.of(),
            PlanPolicy.UNLIMITED);
    Command byMallory = start("c-m", "mallory", T0);
    Command byAlice = start("c-a", "alice", T0);

    CommandScreen.Verdict refused =
        screen.screen(byMallory, signed(byMallory, mallory), policy, T0.toEpochMilli(), seen);

    assertThat(refusal(refused)).isEqualTo(CommandRefusal.NOT_ALLOWED);
    assertThat(((CommandScreen.Refused) refused).detail())
        .isEqualTo("mallory may not start it.features: start is allowed to alice");
    assertThat(screen.screen(byAlice, signed(byAlice, alice), policy, T0.toEpochMilli(), seen))
        .isInstanceOf(CommandScreen.Passed.class);
  }

  @Test
  void withoutAuthenticationOnlyThePolicyApplies() throws Exception {
    CommandScreen open = new CommandScreen(ControlAuth.OFF, null);
    Command start = start("c-1", "alice", T0);

    assertThat(open.screen(start, null, ControlPolicy.DEFAULT, -1, seen))
        .isInstanceOf(CommandScreen.Passed.class);
    assertThat(open.screen(start, null, ControlPolicy.DEFAULT, -1, seen))
        .as("a repeat is the gate's to drop as a duplicate")
        .isInstanceOf(CommandScreen.Passed.class);
    assertThat(seen.ids).isEmpty();
  }

  private CommandScreen.Verdict screen(Command command, ControlSignature signature, Instant sentAt)
      throws Exception {
    return screen.screen(command, signature, ControlPolicy.DEFAULT, sentAt.toEpochMilli(), seen);
  }

  private static CommandRefusal refusal(CommandScreen.Verdict verdict) {
    assertThat(verdict).isInstanceOf(CommandScreen.Refused.class);
    return ((CommandScreen.Refused) verdict).refusal();
  }

  private static ControlSignature signed(Command command, SigningKey key) {
    return new ControlSignature(key.keyId(), CommandSignatures.sign(command, key));
  }

  private static Command start(String id, String actor, Instant at) {
    return new Command.Start(id, DATASET, actor, at, "v2", "v1", null);
  }

  private static Command pause(String id, String actor, Instant at) {
    return new Command.Pause(id, DATASET, actor, at);
  }

  /** {@link SeenCommands} in a map. */
  private static final class Memory implements SeenCommands {
    final Map<String, Long> ids = new HashMap<>();
    Long latest;

    @Override
    public OptionalLong latest() {
      return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    @Override
    public boolean contains(String commandId) {
      return ids.containsKey(commandId);
    }

    @Override
    public void add(String commandId, long atMillis) {
      ids.put(commandId, atMillis);
      latest = latest == null ? atMillis : Math.max(latest, atMillis);
    }

    @Override
    public void forgetBefore(long atMillis) {
      ids.values().removeIf(at -> at < atMillis);
    }
  }
}
