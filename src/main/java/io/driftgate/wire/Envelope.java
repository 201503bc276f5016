package io.driftgate.wire;

/**
 * The envelope members read so far and what is wrong with them. Problems are collected rather than
 * returned at once because the whole value must still be read to tell bad JSON from a bad member.
 * One instance is reset per record so the parse allocates none of this.
 */
final class Envelope {

  private static final String[] KEYS = {"dataset", "version", "event_time", "cohort_key", "fields"};

  private int seen;
  String dataset;
  Rejection datasetProblem;
  String version;
  String versionProblem;
  boolean versionTooLong;
  long eventTime;
  boolean hasEventTime;
  String eventTimeProblem;
  String cohortKey;
  String cohortProblem;
  FieldRow fields;
  String fieldsProblem;

  void reset() {
    seen = 0;
    dataset = null;
    datasetProblem = null;
    version = null;
    versionProblem = null;
    versionTooLong = false;
    eventTime = 0;
    hasEventTime = false;
    eventTimeProblem = null;
    cohortKey = null;
    cohortProblem = null;
    fields = null;
    fieldsProblem = null;
  }

  /**
   * @return whether {@code key} is an envelope key seen before in this record
   */
  boolean isDuplicate(String key) {
    for (int i = 0; i < KEYS.length; i++) {
      if (KEYS[i].equals(key)) {
        int bit = 1 << i;
        boolean duplicate = (seen & bit) != 0;
        seen |= bit;
        return duplicate;
      }
    }
    return false;
  }

  /** The record, or the most telling problem: the dataset first, since it decides the rest. */
  ParseResult result() {
    if (datasetProblem != null) {
      return datasetProblem;
    }
    if (dataset == null) {
      return new Rejection(RejectReason.MISSING_DATASET, "record has no dataset");
    }
    if (versionProblem != null) {
      return new Rejection(
          versionTooLong ? RejectReason.BAD_VERSION : RejectReason.MISSING_VERSION, versionProblem);
    }
    if (version == null) {
      return new Rejection(RejectReason.MISSING_VERSION, "record has no version");
    }
    if (eventTimeProblem != null) {
      return new Rejection(RejectReason.BAD_EVENT_TIME, eventTimeProblem);
    }
    if (!hasEventTime) {
      return new Rejection(RejectReason.BAD_EVENT_TIME, "record has no event_time");
    }
    if (fieldsProblem != null) {
      return new Rejection(RejectReason.MISSING_FIELDS, fieldsProblem);
    }
    if (fields == null) {
      return new Rejection(RejectReason.MISSING_FIELDS, "record has no fields");
    }
    if (cohortProblem != null) {
      return new Rejection(RejectReason.MALFORMED_JSON, cohortProblem);
    }
    return new ObservedRecord(dataset, version, eventTime, cohortKey, fields);
  }
}
