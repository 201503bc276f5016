package io.driftgate.job;

import io.driftgate.contract.ViolationKind;
import io.driftgate.wire.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Names of the job's metrics, in one place so dashboards and tests can rely on them. */
public final class JobMetrics {

  /** The metric group every driftgate metric lives in. */
  public static final String GROUP = "driftgate";

  /** Label of per-dataset metrics. */
  public static final String DATASET = "dataset";

  /** Label of per-version metrics. */
  public static final String VERSION = "version";

  /** Label of per-field metrics. */
  public static final String FIELD = "field";

  /** Records counted into a version's profiles (conforming or not), by closed window. */
  public static final String PROFILED_RECORDS = "profiled_records";

  public static final String VIOLATING_RECORDS = "violating_records";

  /** Records observed later than the contract's freshness bound after their event time. */
  public static final String STALE_RECORDS = "stale_records";

  /** 99th percentile of observed-minus-event time in the last closed window, milliseconds. */
  public static final String LAG_P99 = "lag_p99_ms";

  public static final String NULLS = "nulls";

  /** Contract violations of one field (wrong type, out of range, not allowed, missing). */
  public static final String VIOLATIONS = "violations";

  /** Share of null values of a field in the last closed window. */
  public static final String NULL_RATE = "null_rate";

  /** Label of the violations-by-kind counters, e.g. {@code WRONG_TYPE}. */
  public static final String VIOLATION_KIND = "kind";

  /** The group of the dead-lettered inputs' counters, by {@link #REASON}. */
  static final String REJECTED = "rejected";

  /** Label of the dead-lettered inputs' counters: the {@code RejectReason}'s name. */
  static final String REASON = "reason";

  /** Label of per-gate metrics, e.g. {@code drift:income} or {@code null_rate:age}. */
  public static final String GATE = "gate";

  public static final String DECISIONS = "decisions";
  public static final String ROLLBACKS = "rollbacks";
  public static final String PROMOTIONS = "promotions";
  public static final String EVALUATIONS = "evaluations";

  /** Commands dropped because a command with the same id was answered before (retries). */
  public static final String DUPLICATE_COMMANDS = "duplicate_commands";

  /** Consumers' outcomes counted in a cohort of the dataset's rollout. */
  public static final String OUTCOMES_COUNTED = "outcomes_counted";

  /**
   * Outcomes of a gated metric that no cohort holds, in a group {@code reason} per why ({@code
   * SETTLING}, {@code NOT_EXPOSED_YET}, ...; docs/outcomes.md).
   */
  public static final String OUTCOMES_UNCOUNTED = "outcomes_uncounted";

  /** Outcomes of metrics the contract has no gate for. */
  public static final String OUTCOMES_UNJUDGED = "outcomes_unjudged";

  /**
   * Every message read from the outcomes topic (or file): in = {@link #OUTCOMES_COUNTED} + {@link
   * #OUTCOMES_UNCOUNTED} + {@link #OUTCOMES_UNJUDGED} + {@link #REJECTED_OUTCOMES}, summed over
   * datasets, reasons and subtasks; no outcome is dropped without a count.
   */
  public static final String OUTCOMES_IN = "outcomes_in";

  /**
   * Outcomes dead-lettered, in the records' groups {@code rejected} and {@code reason} ({@code
   * rejected_reason_outcomes{reason="LATE"}} beside the records' {@code rejected_reason_records}):
   * malformed ones by the outcome check, {@code LATE} ones by the outcome windows.
   */
  public static final String REJECTED_OUTCOMES = "outcomes";

  /**
   * Outcomes whose consumer said it read another version than its cohort's: a routing problem (a
   * stale or wrong resolver).
   */
  public static final String OUTCOME_VERSION_MISMATCHES = "outcome_version_mismatches";

  /**
   * Commands applied when their deadline passed, before the watermark reached them: a replay may
   * order these differently against windows (docs/architecture.md, the ordering rule).
   */
  public static final String COMMANDS_AHEAD_OF_WATERMARK = "commands_ahead_of_watermark";

  public static final String EXPOSURE_BP = "exposure_bp";

  /** The stage exposed or awaiting approval, 1-based; 0 without an active candidate. */
  public static final String STAGE = "stage";

  /**
   * 1 while the stage is held past its maxDuration (the plan holds rather than rolls back) and the
   * rollout is not paused, else 0: the stage needs a human, and pausing is how one takes over.
   */
  public static final String STAGE_OVERDUE = "stage_overdue";

  public static final String CANDIDATE_SAMPLES = "candidate_samples";
  public static final String BASELINE_SAMPLES = "baseline_samples";

  /** A gate's statistic (KS distance, total variation, PSI, rate) at the last evaluation. */
  public static final String STATISTIC = "statistic";

  public static final String THRESHOLD = "threshold";

  /** The anytime-valid p-value (the e-value's reciprocal for rate gates). */
  public static final String P_VALUE = "p_value";

  /** 1 when the gate breached at the last evaluation. */
  public static final String BREACH = "breach";

  /**
   * Milliseconds, in processing time, from the last promotion or rollback reaching the alias sink
   * to its row in {@code dataset_alias}: the wait for the checkpoint that covers it (rows are
   * written for completed checkpoints only, so up to one checkpoint interval plus the checkpoint's
   * duration) and the write, retries included; while one is being written, its wait so far. Not
   * measured from event time, which a replay or backfill puts days in the past.
   */
  public static final String ALIAS_UPDATE_LAG = "alias_update_lag_ms";

  /**
   * 1 while a JDBC sink's committer retries a write because the database is unreachable, else 0.
   */
  public static final String DATABASE_UNREACHABLE = "database_unreachable";

  /** Writes a JDBC sink re-sent after a transient database failure. */
  public static final String DATABASE_RETRIES = "database_retries";

  /**
   * Decisions the database refused because it disagrees with the job, by {@link #OUTCOME}: {@code
   * CONFLICT} (the alias held neither expected version) or {@code ID_REUSED} (the decision's id is
   * recorded for another decision). Any increase needs a human (docs/runbook.md).
   */
  public static final String DECISION_CONFLICTS = "decision_conflicts";

  /** Label of {@link #DECISION_CONFLICTS}: the {@code ApplyOutcome}'s name. */
  public static final String OUTCOME = "outcome";

  /**
   * Records in window profiles dropped at a restore because an upgrade changed their contract's
   * fields or the profile settings ({@link ProfileFit}).
   */
  public static final String RECORDS_DROPPED_ON_UPGRADE = "records_dropped_on_upgrade";

  /**
   * Records dead-lettered as {@code LATE} though the lateness rule accepted them: their window was
   * evaluated while their partition was idle ({@code driftgate.watermark.idleness}). The one kind
   * of lateness that depends on timing, so a replay may count these records instead.
   */
  public static final String LATE_AFTER_IDLENESS = "records_late_after_idleness";

  /**
   * Category values profiled truncated to their first 1,024 UTF-8 bytes ({@link
   * io.driftgate.profile.ProfileText}): a gauge of this subtask's count since it started. Values
   * that long are rarely categories; a rising count points at a producer writing free text or
   * garbage.
   */
  public static final String CATEGORIES_TRUNCATED = "categories_truncated";

  /**
   * Window profiles that reached the merge after their window was merged and emitted (a subtask
   * idle while the others moved event time on): dropped, with their records counted in {@link
   * #LATE_PARTIAL_RECORDS}, rather than evaluated as a second window.
   */
  public static final String LATE_PARTIALS = "late_partials";

  /** Records of {@link #LATE_PARTIALS}: counted as read, never evaluated. */
  public static final String LATE_PARTIAL_RECORDS = "late_partial_records";

  /**
   * Per-version metric groups of a dataset closed to make room for a newer version ({@link
   * ProfileMetrics}): each dataset keeps the groups of at most twice {@code
   * driftgate.records.max-versions-per-dataset} versions per subtask, the most recently seen.
   */
  public static final String RETIRED_VERSION_GROUPS = "retired_version_groups";

  /**
   * Windows of a version left out of the per-version metrics because its dataset had its bound of
   * version groups and none could be closed ({@link ProfileMetrics}); 0 under Flink's own metric
   * system, which can close them.
   */
  public static final String VERSIONS_UNMETERED = "versions_unmetered";

  private JobMetrics() {}

  /**
   * The counter of outcomes dead-lettered for {@code reason}, in {@code driftgateGroup} (the {@link
   * #GROUP} group): where the records' counter of that reason is, with {@link #REJECTED_OUTCOMES}
   * for {@code records}, so a dashboard reads both with one label.
   */
  static Counter rejectedOutcomes(MetricGroup driftgateGroup, RejectReason reason) {
    return driftgateGroup
        .addGroup(REJECTED)
        .addGroup(REASON, reason.name())
        .counter(REJECTED_OUTCOMES);
  }

  /** In = ok + rejected, by construction: every record increments {@code in} and one other. */
  public static final class RecordCounters {
    final Counter in;
    final Counter ok;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<ViolationKind, Counter> violations = new EnumMap<>(ViolationKind.class);

    RecordCounters(MetricGroup group) {
      this.in = group.counter("records_in");
      this.ok = group.counter("records_ok");
      MetricGroup byReason = group.addGroup(REJECTED);
      for (RejectReason reason : RejectReason.values()) {
        rejected.put(reason, byReason.addGroup(REASON, reason.name()).counter("records"));
      }
      for (ViolationKind kind : ViolationKind.values()) {
        violations.put(kind, group.addGroup(VIOLATION_KIND, kind.name()).counter(VIOLATIONS));
      }
    }

    /** Contract violations by kind, over all fields; a record may have several. */
    Counter violations(ViolationKind kind) {
      return violations.get(kind);
    }

    Counter rejected(RejectReason reason) {
      return rejected.get(reason);
    }
  }
}
