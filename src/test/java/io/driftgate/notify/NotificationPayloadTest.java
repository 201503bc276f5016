package io.driftgate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.ProgressReason;
import io.driftgate.rollout.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationPayloadTest {

  private static final String RUNBOOK = "https://git.example/driftgate/docs/runbook.md";

  @Test
  void genericPayloadSaysWhatWhyAndWhatNext() {
    assertThat(NotificationPayload.json(Decisions.rollback(), RUNBOOK))
        .isEqualTo(
            "{\"payload_version\":1,"
                + "\"decision_id\":\"3f0c8a52-7d1e-3b6a-9c44-0e5d2a1b7c90\",\"sequence\":7,"
                + "\"dataset\":\"it.features\",\"candidate_version\":\"v3\","
                + "\"baseline_version\":\"v2\",\"kind\":\"ROLLED_BACK\","
                + "\"reason\":\"PERSISTENT_BREACH\",\"from_phase\":\"STAGE\","
                + "\"to_phase\":\"ROLLED_BACK\",\"stage\":2,\"exposure_bp\":0,"
                + "\"summary\":\"it.features v3: ROLLED_BACK (PERSISTENT_BREACH) at stage 2,"
                + " exposure 0%\","
                + "\"message\":\"drift:x breached in 3 of the last 3 windows\","
                + "\"decisive_evidence\":{\"gate\":\"drift:x\",\"field\":\"x\","
                + "\"verdict\":\"BREACH\",\"critical\":false,\"method\":\"ks-exact\","
                + "\"statistic\":0.31,\"threshold\":0.1,\"margin\":0.04,\"p_value\":4.0E-4,"
                + "\"fixed_sample_p_value\":1.0E-9,\"sketch_error\":0.0,\"alpha\":0.002,"
                + "\"candidate_count\":1200,\"baseline_count\":5400,"
                + "\"window_start\":\"2024-05-01T08:49:00Z\","
                + "\"window_end\":\"2024-05-01T08:50:00Z\",\"candidate_mean\":null,\"baseline_mean\":null},"
                + "\"actor\":\"driftgate\",\"decided_at\":\"2024-05-01T08:50:00Z\","
                + "\"next_step\":\"Consumers read the baseline again. Read the decisive evidence"
                + " (driftgate status --dataset it.features), fix the producer and publish a new"
                + " version.\","
                + "\"runbook\":\""
                + RUNBOOK
                + "#read-a-rollbacks-evidence\"}");
  }

  @Test
  void slackPayloadCarriesTheSameFactsForPeople() {
    assertThat(SlackPayload.json(Decisions.rollback(), RUNBOOK))
        .isEqualTo(
            "{\"text\":\"it.features v3: ROLLED_BACK (PERSISTENT_BREACH) at stage 2, exposure"
                + " 0%\",\"blocks\":["
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*it.features v3: ROLLED_BACK (PERSISTENT_BREACH) at stage 2, exposure 0%*\\n"
                + "drift:x breached in 3 of the last 3 windows\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Why:* PERSISTENT_BREACH — drift:x BREACH (ks-exact 0.31 vs threshold 0.1,"
                + " p=0.0004, n=1200/5400)\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Next:* Consumers read the baseline again. Read the decisive evidence"
                + " (driftgate status --dataset it.features), fix the producer and publish a new"
                + " version. <"
                + RUNBOOK
                + "#read-a-rollbacks-evidence|Runbook>\"}},"
                + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":"
                + "\"decision 3f0c8a52-7d1e-3b6a-9c44-0e5d2a1b7c90 · sequence 7 · driftgate ·"
                + " 2024-05-01T08:50:00Z\"}]}]}");
  }

  @Test
  void aDecisionWithoutBreachOrStageHasNullEvidenceAndStage() {
    Decision refused =
        new Decision(
            UUID.fromString("00000000-0000-3000-8000-000000000001"),
            0,
            "it.features",
            null,
            null,
            DecisionKind.REJECTED,
            Phase.PENDING,
            Phase.PENDING,
            -1,
            0,
            false,
            RejectReason.UNSIGNED,
            "unsigned <command>",
            List.of(),
            "mallory",
            Decisions.DECIDED_AT);

    String json = NotificationPayload.json(refused, "docs/runbook.md");

    assertThat(json)
        .contains("\"candidate_version\":null")
        .contains("\"stage\":null")
        .contains("\"decisive_evidence\":null")
        .contains("\"runbook\":\"docs/runbook.md#refused-commands\"");
    assertThat(SlackPayload.json(refused, "docs/runbook.md"))
        .contains("unsigned &lt;command&gt;")
        .contains("*Why:* UNSIGNED\"");
  }

  @Test
  void nextStepFollowsKindAndReason() {
    assertThat(NextStep.of(with(DecisionKind.AWAITING_APPROVAL, HoldReason.AWAITING_APPROVAL, 2)))
        .isEqualTo(
            new NextStep(
                "Review the evidence, then approve with driftgate rollout approve it.features"
                    + " --stage 3, or abort the rollout.",
                "approve-a-stage"));
    assertThat(NextStep.of(with(DecisionKind.HELD, HoldReason.DEADLINE_PASSED, 1)).anchor())
        .isEqualTo("a-stage-is-overdue");
    assertThat(NextStep.of(with(DecisionKind.HELD, HoldReason.MIN_SAMPLES, 1)).anchor())
        .isEqualTo("see-where-things-stand");
    assertThat(NextStep.of(with(DecisionKind.PROMOTED, ProgressReason.GATES_PASSED, 4)).text())
        .isEqualTo("Nothing to do: every consumer reads the candidate now.");
    assertThat(NextStep.of(with(DecisionKind.REJECTED, RejectReason.NOT_PAUSED, 1)).anchor())
        .isEqualTo("see-where-things-stand");
    assertThat(NextStep.of(with(DecisionKind.PAUSED, HoldReason.PAUSED, 1)).link("r.md"))
        .isEqualTo("r.md#pause-and-resume");
  }

  @Test
  void everyNextStepLinksASectionOfTheRunbook() throws Exception {
    Set<String> anchors = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("docs/runbook.md"))) {
      if (line.startsWith("#")) {
        anchors.add(
            line.replaceFirst("^#+ ", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 -]", "")
                .replace(' ', '-'));
      }
    }
    List<io.driftgate.rollout.Reason> reasons = new ArrayList<>();
    reasons.addAll(List.of(HoldReason.values()));
    reasons.addAll(List.of(ProgressReason.values()));
    reasons.addAll(List.of(RejectReason.values()));
    reasons.addAll(List.of(io.driftgate.rollout.RollbackReason.values()));
    for (DecisionKind kind : DecisionKind.values()) {
      for (io.driftgate.rollout.Reason reason : reasons) {
        assertThat(anchors).contains(NextStep.of(with(kind, reason, 0)).anchor());
      }
    }
  }

  private static Decision with(DecisionKind kind, io.driftgate.rollout.Reason reason, int stage) {
    Decision d = Decisions.rollback();
    return new Decision(
        d.decisionId(),
        d.sequence(),
        d.dataset(),
        d.candidateVersion(),
        d.baselineVersion(),
        kind,
        d.fromPhase(),
        d.toPhase(),
        stage,
        d.exposureBasisPoints(),
        d.routingChanged(),
        reason,
        d.message(),
        List.of(),
        d.actor(),
        d.at());
  }
}
