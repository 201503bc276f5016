package io.driftgate.wire;

/**
 * What {@link RecordParser} made of one value: the record, or why there is none. Bad input is
 * ordinary on a shared topic, so it is a value and not an exception; test with {@code instanceof}.
 */
public sealed interface ParseResult extends java.io.Serializable
    permits ObservedRecord, Rejection {}
