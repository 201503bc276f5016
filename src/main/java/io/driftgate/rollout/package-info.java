/**
 * The rollout controller: a pure, deterministic state machine per dataset that turns operator
 * {@link io.driftgate.rollout.Command commands} and drift {@link io.driftgate.drift.Evaluation
 * evaluations} into {@link io.driftgate.rollout.Decision decisions}. The Flink job keeps one {@link
 * io.driftgate.rollout.RolloutStatus} per dataset in keyed state and calls {@link
 * io.driftgate.rollout.RolloutStateMachine}; nothing here reads a clock.
 *
 * <h2>Rules where a choice was made</h2>
 *
 * <ul>
 *   <li><b>Starting.</b> A start is accepted when the dataset has no rollout or its last one ended.
 *       It is rejected while a rollout is active, for a candidate the dataset aborted or rolled
 *       back before (remembered for the {@value io.driftgate.rollout.AbandonedCandidates#CAPACITY}
 *       most recent ones), for the candidate the last rollout promoted, and for a plan that has no
 *       stages, a rollback window below 1, a stage whose {@code maxDuration} is below its {@code
 *       minDuration}, a decreasing exposure or no final stage at 10000 bp. When the first stage
 *       needs approval the rollout waits in {@code AWAITING_APPROVAL} at 0 bp and the {@code
 *       STARTED} decision says so in its reason.
 *   <li><b>Foreign evaluations.</b> Evaluations of another candidate or baseline than the active
 *       one, and evaluations while no rollout is active, are ignored without a decision: late
 *       windows of an earlier rollout are normal and would only flood the audit log.
 *   <li><b>Breach streaks.</b> Counted per gate name: a breach adds one, a pass resets, no data and
 *       a missing gate leave the count unchanged. Streaks restart when a stage is entered (by
 *       advancing or by approval), not when a stage starts awaiting approval, because the exposure
 *       being judged is still the previous stage's.
 *   <li><b>Rollback first.</b> Critical breaches roll back at once (evidence: the critical breaches
 *       only); otherwise a non-critical gate whose streak reaches the plan's rollback window rolls
 *       back (evidence: every gate that reached it). This applies in {@code STAGE}, {@code
 *       AWAITING_APPROVAL} and {@code PAUSED}: waiting and pausing stop progress, not protection.
 *   <li><b>Holds.</b> The first reason in the order breach persisting, no data, no gate results,
 *       samples, duration. A {@code HELD} decision is emitted only when the reason differs from the
 *       last one emitted in the stage. Entering {@code PAUSED} or {@code AWAITING_APPROVAL} counts
 *       as that stage's hold, so evaluations there decide nothing unless they roll back (or,
 *       awaiting approval, meet the deadline); a resume re-arms the holds.
 *   <li><b>Stage deadline.</b> An evaluation whose {@code windowEnd} is at or after the stage
 *       clock's start plus the stage's {@code maxDuration}, while the stage holds for any reason
 *       (awaiting approval included), ends the wait as the plan's {@code onDeadline} says: {@code
 *       ROLLBACK} rolls back with {@code STAGE_DEADLINE}; {@code HOLD_AND_ALERT} emits one {@code
 *       HELD} decision with {@code DEADLINE_PASSED}, marks the status {@code overdue} and keeps
 *       holding, later changes of the hold underneath being reported as usual. Evidence comes
 *       first: an evaluation that rolls back on a breach, or passes the stage, does so at the
 *       deadline too. While stage i &gt; 0 awaits approval, the clock and the {@code maxDuration}
 *       are those of stage i - 1, which is still the one exposed. The last stage has a deadline
 *       like any other: it is judged once more before promotion. A paused rollout is not held to
 *       its deadline, because pausing is an operator's decision to wait; the clock runs on, so a
 *       rollout resumed past its deadline meets it at the next evaluation, unless it was reported
 *       overdue before the pause. Only evaluations check the deadline: a stage that gets none
 *       cannot pass it.
 *   <li><b>Stage clock.</b> A stage entered by advancing starts at the passing evaluation's {@code
 *       windowEnd}; a stage entered by approval when the approval takes effect, at its own {@code
 *       at} unless the caller applied later inputs before it. Pausing does not stop the clock: the
 *       candidate stayed exposed while paused, so that time counts.
 *   <li><b>Approvals.</b> An approval of the stage awaiting one enters it. An approval of a later
 *       stage that needs one is kept ({@link io.driftgate.rollout.AdvanceApprovals}) and decides
 *       nothing until that stage awaits approval: then the {@code AWAITING_APPROVAL} decision is
 *       followed at once by an {@code APPROVED} one, dated at that moment and by the approval's
 *       actor. If the rollout ends first, each kept approval is answered by a {@code REJECTED}
 *       decision ({@code ROLLOUT_FINISHED}) right after the ending one. Every other approval is
 *       rejected at once with its reason: a stage the plan does not have ({@code
 *       STAGE_NOT_IN_PLAN}), one already entered or behind ({@code STAGE_PASSED}), one the plan
 *       enters without approval ({@code APPROVAL_NOT_REQUIRED}), a later stage already approved
 *       ({@code ALREADY_APPROVED}), the awaited stage while paused ({@code ROLLOUT_PAUSED}: resume
 *       first), no rollout or an ended one. So every command is answered by exactly one decision,
 *       now or when its stage comes; repeats of a command id never reach this machine (the gate
 *       drops them).
 *   <li><b>Stage numbers.</b> Stage indices count from 0 in the code, the tables and the wire
 *       formats ({@code stageIndex}); messages name stages from 1 and with the plan's length
 *       ("stage 2 of 5"), as the CLI and {@code status} do ({@link
 *       io.driftgate.rollout.StageNumber}).
 *   <li><b>Promotion</b> keeps the exposure at 10000 bp, so {@code routingChanged} is false; the
 *       {@code PROMOTED} kind is what the alias update acts on.
 *   <li><b>Decision ids.</b> See {@link io.driftgate.rollout.DecisionIds}: derived from the
 *       dataset, the rollout (its start command's id) and a per-dataset sequence that continues
 *       across rollouts and also numbers rejections. A command rejected for a dataset that never
 *       had a rollout is named by its own id, and leaves a {@code PENDING} status behind to carry
 *       the sequence.
 *   <li><b>Recovery without state.</b> A rollout a job without state reads back from the database
 *       gets one {@code HELD} decision numbered after the last stored one ({@link
 *       io.driftgate.rollout.RolloutStateMachine#onRecovered}): {@code RECOVERED_WITHOUT_STATE}
 *       when it resumes, {@code NOT_RESUMABLE} when it cannot, and then only an abort, a rollback
 *       or a start (refused, the rollout being active) reach this machine; approvals, pauses and
 *       resumes are refused with {@code ROLLOUT_NOT_RESUMABLE}.
 *   <li><b>Wrong dataset.</b> A status given an input of another dataset is a keying bug and
 *       throws, rather than becoming a decision.
 * </ul>
 */
package io.driftgate.rollout;
