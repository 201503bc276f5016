package io.driftgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.ControlResult;
import io.driftgate.wire.ControlSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signing and verifying commands, and the verdicts the job's control step acts on. */
class AuthenticatorTest {

  private static final String DATASET = "features.customer_profile";
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final RolloutPlan PLAN =
      new RolloutPlan(
          List.of(
              new Stage(100, Duration.ofMinutes(10), 1_000, false),
              new Stage(10_000, Duration.ofHours(1), 5_000, true)),
          3);
  private static final Command.Start START =
      new Command.Start("c-1", DATASET, "ada", AT, "v42", "v41", PLAN);

  @TempDir static Path keys;
  @TempDir static Path secrets;

  private static SigningKey ada;
  private static SigningKey mallory;
  private static VerifyingKey adaPublic;
  private static Authenticator authenticator;

  @BeforeAll
  static void keys() throws Exception {
    for (String actor : List.of("ada", "mallory")) {
      KeyFiles.Generated generated = KeyFiles.generate(actor, secrets);
      java.nio.file.Files.copy(generated.publicKeyFile(), keys.resolve(actor + ".pub"));
    }
    ada = SigningKey.read(secrets.resolve("ada.key"));
    mallory = SigningKey.read(secrets.resolve("mallory.key"));
    adaPublic = VerifyingKey.read(keys.resolve("ada.pub"));
    authenticator = new Authenticator(KeyRegistry.inDirectory(keys.toString()));
  }

  private static ControlSignature signed(Command command, SigningKey key) {
    return new ControlSignature(key.keyId(), CommandSignatures.sign(command, key));
  }

  @Test
  void theSignedBytesAreTheDomainTheKeyIdAndTheCanonicalCommand() {
    String expected =
        "driftgate-control-signature-v1\nada-0123456789ab\n"
            + new String(ControlJson.toBytes(START), StandardCharsets.UTF_8);

    assertThat(CommandSignatures.signedBytes(START, "ada-0123456789ab"))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCommandSignedByItsActorVerifiesThroughTheWire() {
    byte[] message = ControlJson.toBytes(START, signed(START, ada));
    ControlResult.Accepted read = (ControlResult.Accepted) ControlJson.parse(message);

    assertThat(
            CommandSignatures.verifies(
                START, ada.keyId(), read.signature().signature(), adaPublic.publicKey()))
        .isTrue();
    assertThat(authenticator.verify(read.command(), read.signature()))
        .isEqualTo(new Authenticator.Verified(adaPublic));
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("dataset", new Command.Start("c-1", "other", "ada", AT, "v42", "v41", PLAN)),
        Arguments.of("candidate", new Command.Start("c-1", DATASET, "ada", AT, "v43", "v41", PLAN)),
        Arguments.of(
            "command id", new Command.Start("c-2", DATASET, "ada", AT, "v42", "v41", PLAN)),
        Arguments.of(
            "at", new Command.Start("c-1", DATASET, "ada", AT.plusNanos(1), "v42", "v41", PLAN)),
        Arguments.of("no plan", START.withPlan(null)),
        Arguments.of(
            "plan exposure",
            START.withPlan(
                new RolloutPlan(
                    List.of(
                        new Stage(200, Duration.ofMinutes(10), 1_000, false),
                        new Stage(10_000, Duration.ofHours(1), 5_000, true)),
                    3))),
        Arguments.of(
            "plan approval",
            START.withPlan(
                new RolloutPlan(
                    List.of(
                        new Stage(100, Duration.ofMinutes(10), 1_000, false),
                        new Stage(10_000, Duration.ofHours(1), 5_000, false)),
                    3))),
        Arguments.of("kind", new Command.Abort("c-1", DATASET, "ada", AT, "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void aSignatureDoesNotCoverAChangedCommand(String changed, Command tampered) {
    ControlSignature signature = signed(START, ada);

    assertThat(authenticator.verify(tampered, signature))
        .isInstanceOfSatisfying(
            Authenticator.Refused.class,
            refused -> assertThat(refused.failure()).isEqualTo(AuthFailure.BAD_SIGNATURE));
  }

  @Test
  void aStageChangeOfAnApprovalIsCaught() {
    Command.Approve approve = new Command.Approve("c-3", DATASET, "ada", AT, 1);
    ControlSignature signature = signed(approve, ada);

    assertThat(authenticator.verify(new Command.Approve("c-3", DATASET, "ada", AT, 2), signature))
        .isEqualTo(
            new Authenticator.Refused(
                AuthFailure.BAD_SIGNATURE,
                "command c-3 claiming actor 'ada' does not carry a valid signature of key "
                    + ada.keyId()));
  }

  @Test
  void aSignatureMovedToAnotherKeyIdOfTheSameKeyFails() {
    String signature = CommandSignatures.sign(START, ada);

    assertThat(
            CommandSignatures.verifies(START, ada.keyId() + "x", signature, adaPublic.publicKey()))
        .isFalse();
    assertThat(authenticator.verify(START, new ControlSignature(mallory.keyId(), signature)))
        .extracting(v -> ((Authenticator.Refused) v).failure())
        .isEqualTo(AuthFailure.BAD_SIGNATURE);
  }

  @Test
  void anotherActorSigningWithHerOwnKeyInTheVictimsNameIsTheWrongActor() {
    Authenticator.Verdict verdict = authenticator.verify(START, signed(START, mallory));

    assertThat(verdict)
        .isEqualTo(
            new Authenticator.Refused(
                AuthFailure.WRONG_ACTOR,
                "command c-1 claiming actor 'ada' is signed with key "
                    + mallory.keyId()
                    + " of actor 'mallory'"));
  }

  @Test
  void anotherActorClaimingTheVictimsKeyIdHasABadSignature() {
    ControlSignature forged =
        new ControlSignature(
            ada.keyId(),
            CommandSignatures.sign(
                START, new SigningKey(ada.keyId(), "ada", mallory.privateKey())));

    assertThat(authenticator.verify(START, forged))
        .extracting(v -> ((Authenticator.Refused) v).failure())
        .isEqualTo(AuthFailure.BAD_SIGNATURE);
  }

  @Test
  void unsignedAndUnknownKeysAreRefusedNamingKeyAndActor() {
    assertThat(authenticator.verify(START, null))
        .isEqualTo(
            new Authenticator.Refused(
                AuthFailure.UNSIGNED, "command c-1 claiming actor 'ada' is unsigned"));
    assertThat(authenticator.verify(START, new ControlSignature("grace-0123456789ab", "c2ln")))
        .isEqualTo(
            new Authenticator.Refused(
                AuthFailure.UNKNOWN_KEY,
                "command c-1 claiming actor 'ada' is signed with key grace-0123456789ab, which is"
                    + " not in the key directory "
                    + keys));
  }

  @Test
  void malformedSignaturesAreFalseNotExceptions() {
    for (String bad : new String[] {"", "***", "c2ln", "=", "AAAA".repeat(40)}) {
      assertThat(CommandSignatures.verifies(START, ada.keyId(), bad, adaPublic.publicKey()))
          .as(bad)
          .isFalse();
      assertThat(authenticator.verify(START, new ControlSignature(ada.keyId(), bad)))
          .extracting(v -> ((Authenticator.Refused) v).failure())
          .isEqualTo(AuthFailure.BAD_SIGNATURE);
    }
    assertThat(CommandSignatures.verifies(START, ada.keyId(), null, adaPublic.publicKey()))
        .isFalse();
  }

  /** It travels inside a Flink function; the keys are read again where it lands. */
  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(authenticator);
    }
    Authenticator copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Authenticator) in.readObject();
    }

    assertThat(copy.verify(START, signed(START, ada)))
        .isEqualTo(new Authenticator.Verified(adaPublic));
  }
}
