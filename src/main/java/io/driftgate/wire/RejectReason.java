package io.driftgate.wire;

/** Why an input record is not profiled; the dead-letter output groups and counts by it. */
public enum RejectReason {
  /**
   * Not JSON, or JSON whose envelope is unusable in a way no more specific reason covers (a
   * duplicate key, trailing content, a cohort key of the wrong type).
   */
  MALFORMED_JSON,
  /** Valid JSON whose top level is not an object. */
  NOT_AN_OBJECT,
  /** No {@code dataset}, or one that is not a non-empty string. */
  MISSING_DATASET,
  /** No {@code version}, or one that is not a non-empty string or an integer. */
  MISSING_VERSION,
  /**
   * A {@code version} longer than {@value RecordParser#MAX_VERSION_LENGTH} characters, the width of
   * the database's version columns ({@code VARCHAR(255)}).
   */
  BAD_VERSION,
  /**
   * A record larger than {@code driftgate.records.max-bytes}: dead-lettered unparsed, so one huge
   * value costs neither the parse nor a profile's memory.
   */
  TOO_LARGE,
  /** No {@code event_time}, or one that is neither an ISO-8601 instant nor epoch millis. */
  BAD_EVENT_TIME,
  /**
   * An event time more than {@code driftgate.records.max-future-skew} ahead of the record's Kafka
   * timestamp; decided by the job's source, so it never moves the watermark.
   */
  FUTURE,
  /** No {@code fields}, or {@code fields} is not an object. */
  MISSING_FIELDS,
  /** A dataset the job has no contract for. */
  UNKNOWN_DATASET,
  /** The row breaks its dataset's contract; decided by the job, never by the parser. */
  CONTRACT_VIOLATION,
  /** The record arrived after its event-time window closed; decided by the job. */
  LATE,
  /**
   * A version beyond the first {@code driftgate.records.max-versions-per-dataset} of its dataset in
   * its event-time window (per profiling subtask, in arrival order); decided by the job, so that
   * made-up versions cannot grow its state and metrics without bound.
   */
  TOO_MANY_VERSIONS,
  /**
   * An outcome without a {@code metric}, or with one that is not a metric name ({@code
   * io.driftgate.contract.OutcomeGate#metricProblem}).
   */
  MISSING_METRIC,
  /**
   * An outcome without a {@code cohort_key}, or with a blank one: an outcome that names no consumer
   * cannot be put in the exposed or the control cohort.
   */
  MISSING_COHORT_KEY,
  /**
   * An outcome whose {@code value} is missing or neither a finite number nor a boolean (a decimal
   * beyond double range counts as infinite).
   */
  BAD_OUTCOME_VALUE,
  /** A control message that is not a valid command; decided by the job's control step. */
  BAD_COMMAND,
  /*
   * Commands refused by the job's control step for their authority; each is also audited in
   * rollout_event as REJECTED with the actor it claimed (see io.driftgate.rollout.RejectReason).
   */
  /** A command without a signature, while the job requires signed commands. */
  UNSIGNED_COMMAND,
  /** A command signed with a key the job's key registry does not hold. */
  UNKNOWN_KEY,
  /** A command whose signature does not verify: changed after signing, or forged. */
  BAD_SIGNATURE,
  /** A command signed with the key of another actor than the one it names. */
  WRONG_ACTOR,
  /** A signed command sent too long after (or before) its signed time. */
  STALE_COMMAND,
  /** A signed command whose id the job has seen before. */
  REPLAYED_COMMAND,
  /** A command from an actor the contract's control policy does not allow it. */
  COMMAND_NOT_ALLOWED
}
