package io.driftgate.job;

/** The event time of a source record; rejected records have none. */
enum SourceRecordTime implements EventTimeWatermarks.SerializableEventTime<SourceRecord> {
  INSTANCE;

  @Override
  public long applyAsLong(SourceRecord record) {
    return record.parsed() ? record.record().eventTimeMillis() : Long.MIN_VALUE;
  }
}
