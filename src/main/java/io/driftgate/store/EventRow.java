package io.driftgate.store;

import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import java.time.Instant;

/**
 * A row of {@code rollout_event}, the audit log.
 *
 * @param decisive the decisive gate result, or {@code null} when no gate breached
 * @param evidenceJson all gate results of the decision as a JSON array
 */
public record EventRow(
    String decisionId,
    long sequence,
    String dataset,
    String candidateVersion,
    String baselineVersion,
    DecisionKind kind,
    Phase fromPhase,
    Phase toPhase,
    int stageIndex,
    int exposureBasisPoints,
    boolean routingChanged,
    String reason,
    String message,
    String actor,
    Instant decidedAt,
    DecisiveEvidenceRow decisive,
    String evidenceJson,
    Instant recordedAt) {}
