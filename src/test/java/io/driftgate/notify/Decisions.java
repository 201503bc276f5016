package io.driftgate.notify;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RollbackReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Fixed decisions for the payload and dispatcher tests, at named instants. */
final class Decisions {

  static final Instant DECIDED_AT = Instant.parse("2024-05-01T08:50:00Z");
  static final UUID ROLLBACK_ID = UUID.fromString("3f0c8a52-7d1e-3b6a-9c44-0e5d2a1b7c90");

  private Decisions() {}

  /** v3 rolled back at stage 2 (5%) because drift:x breached persistently. */
  static Decision rollback() {
    GateResult passing =
        new GateResult(
            "null_rate:x",
            "x",
            Verdict.PASS,
            false,
            new Evidence(
                "beta-mixture",
                0.001,
                0.01,
                Double.NaN,
                0.9,
                Double.NaN,
                0,
                0.001,
                1200,
                5400,
                DECIDED_AT.minusSeconds(60),
                DECIDED_AT));
    GateResult breach =
        new GateResult(
            "drift:x",
            "x",
            Verdict.BREACH,
            false,
            new Evidence(
                "ks-exact",
                0.31,
                0.1,
                0.04,
                0.0004,
                1e-9,
                0,
                0.002,
                1200,
                5400,
                DECIDED_AT.minusSeconds(60),
                DECIDED_AT));
    return new Decision(
        ROLLBACK_ID,
        7,
        "it.features",
        "v3",
        "v2",
        DecisionKind.ROLLED_BACK,
        Phase.STAGE,
        Phase.ROLLED_BACK,
        1,
        0,
        true,
        RollbackReason.PERSISTENT_BREACH,
        "drift:x breached in 3 of the last 3 windows",
        List.of(passing, breach),
        Decision.AUTOMATIC,
        DECIDED_AT);
  }

  /** The same decision under another id and kind, e.g. to make several outbox rows. */
  static Decision numbered(long sequence) {
    Decision d = rollback();
    return new Decision(
        UUID.nameUUIDFromBytes(
            ("decision-" + sequence).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        sequence,
        d.dataset(),
        d.candidateVersion(),
        d.baselineVersion(),
        d.kind(),
        d.fromPhase(),
        d.toPhase(),
        d.stageIndex(),
        d.exposureBasisPoints(),
        d.routingChanged(),
        d.reason(),
        d.message(),
        d.evidence(),
        d.actor(),
        d.at().plusSeconds(sequence));
  }
}
