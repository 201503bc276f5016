package io.driftgate.publish;

/**
 * What one publish did. Every row read is sent (acknowledged by Kafka), rejected locally, or failed
 * (not acknowledged): {@code read == sent + rejected + failed}.
 *
 * @param failure why publishing stopped early (Kafka refused a record, or a file could not be read
 *     further), or {@code null}
 */
public record PublishResult(
    String dataset,
    String version,
    String topic,
    long read,
    long sent,
    long rejected,
    long failed,
    String failure) {

  /** Whether every row read was sent or rejected locally, and reading reached the end. */
  public boolean complete() {
    return failed == 0 && failure == null;
  }

  /**
   * The line {@code driftgate publish} prints last, always in this form: {@code published <read>
   * rows of <dataset> <version> to <topic>: sent <sent>, rejected locally <rejected>}, followed by
   * {@code , not acknowledged <failed>} when some were not.
   */
  public String summary() {
    return "published "
        + read
        + " rows of "
        + dataset
        + " "
        + version
        + " to "
        + topic
        + ": sent "
        + sent
        + ", rejected locally "
        + rejected
        + (failed > 0 ? ", not acknowledged " + failed : "");
  }
}
