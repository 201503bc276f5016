package io.driftgate.store;

import static io.driftgate.store.StoreFixtures.hold;
import static io.driftgate.store.StoreFixtures.pass;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.drift.GateResult;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.Reason;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A fingerprint changes with what a decision decided, and only with that. */
class DecisionFingerprintTest {

  private static final Decision HELD = hold(6);

  /**
   * Stored in {@code rollout_event.fingerprint}: a change here makes every stored row read as
   * another decision, so it needs a migration that forgets the stored fingerprints. The value is
   * the SHA-256 of {@code
   * driftgate-decision-fingerprint:4:HELD11:MIN_SAMPLES5:STAGE5:STAGE2:v22:v1} {@code
   * 1:43:1004:true9:driftgate20:2024-05-01T08:50:07Z}.
   */
  @Test
  void theCanonicalFormIsPinned() {
    assertThat(DecisionFingerprint.of(HELD))
        .isEqualTo("6dae8bcfb7992327946d65b1d721626a256f236cfd3948d260c16bf0e6d1f8b5");
  }

  @Test
  void everyDecidedFieldChangesIt() {
    List<Consumer<Copy>> changes =
        List.of(
            c -> c.kind = DecisionKind.PAUSED,
            c -> c.fromPhase = Phase.PAUSED,
            c -> c.toPhase = Phase.PAUSED,
            c -> c.candidate = "v3",
            c -> c.candidate = null,
            c -> c.baseline = "v0",
            c -> c.stageIndex = 5,
            c -> c.exposure = 101,
            c -> c.routingChanged = !HELD.routingChanged(),
            c -> c.reason = HoldReason.NO_DATA,
            c -> c.actor = "alice",
            c -> c.at = HELD.at().plusMillis(1));
    for (Consumer<Copy> change : changes) {
      Decision changed = Copy.of(HELD, change);
      assertThat(DecisionFingerprint.of(changed))
          .as(changed.toString())
          .isNotEqualTo(DecisionFingerprint.of(HELD));
    }
  }

  @Test
  void theExplanationDoesNotChangeIt() {
    Decision explained =
        Copy.of(
            HELD,
            c -> {
              c.message = "reworded by a later version";
              c.evidence = List.of(pass("drift:age"));
            });

    assertThat(DecisionFingerprint.of(explained)).isEqualTo(DecisionFingerprint.of(HELD));
  }

  @Test
  void fieldsDoNotRunIntoEachOther() {
    Decision ab =
        Copy.of(
            HELD,
            c -> {
              c.candidate = "ab";
              c.baseline = "c";
            });
    Decision a =
        Copy.of(
            HELD,
            c -> {
              c.candidate = "a";
              c.baseline = "bc";
            });

    assertThat(DecisionFingerprint.of(ab)).isNotEqualTo(DecisionFingerprint.of(a));
  }

  /** A decision with some components changed; the id and sequence stay. */
  private static final class Copy {
    DecisionKind kind;
    Phase fromPhase;
    Phase toPhase;
    String candidate;
    String baseline;
    int stageIndex;
    int exposure;
    boolean routingChanged;
    Reason reason;
    String message;
    List<GateResult> evidence;
    String actor;
    Instant at;

    static Decision of(Decision d, Consumer<Copy> change) {
      Copy c = new Copy();
      c.kind = d.kind();
      c.fromPhase = d.fromPhase();
      c.toPhase = d.toPhase();
      c.candidate = d.candidateVersion();
      c.baseline = d.baselineVersion();
      c.stageIndex = d.stageIndex();
      c.exposure = d.exposureBasisPoints();
      c.routingChanged = d.routingChanged();
      c.reason = d.reason();
      c.message = d.message();
      c.evidence = d.evidence();
      c.actor = d.actor();
      c.at = d.at();
      change.accept(c);
      return new Decision(
          d.decisionId(),
          d.sequence(),
          d.dataset(),
          c.candidate,
          c.baseline,
          c.kind,
          c.fromPhase,
          c.toPhase,
          c.stageIndex,
          c.exposure,
          c.routingChanged,
          c.reason,
          c.message,
          c.evidence,
          c.actor,
          c.at);
    }
  }
}
