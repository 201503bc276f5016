/**
 * What driftgate reads from and writes to Kafka, as bytes: observed records, dead letters and
 * control commands. Plain Java and Jackson, so the formats are testable without Flink; the job
 * wraps these codecs in its deserialization schemas.
 */
package io.driftgate.wire;
