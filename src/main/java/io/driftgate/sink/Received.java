package io.driftgate.sink;

/**
 * An element as the sink's writer received it, stamped with when: its row becomes visible only once
 * the checkpoint that covers it completes, and {@link WriteLatency} measures from this stamp so
 * that the wait for the checkpoint counts. Wall-clock milliseconds, because the stamp travels in
 * the checkpoint and may be read after a failover by another TaskManager, where a monotonic clock's
 * value means nothing.
 */
public record Received<T>(T element, long atMillis) {}
