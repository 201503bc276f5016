/**
 * {@code driftgate publish}: a dataset version's rows onto the records topic as envelopes, decoded
 * by the same decoders and event-time rule as the job's file source ({@code io.driftgate.source}),
 * so a version published onto Kafka and the same version read from files give the same records. No
 * Flink type is used: the command runs from the job jar with a plain {@code java -jar}.
 */
package io.driftgate.publish;
