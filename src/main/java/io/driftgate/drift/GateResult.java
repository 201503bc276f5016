package io.driftgate.drift;

/**
 * The verdict of one gate (a field's drift check or a quality bound) with its evidence.
 *
 * @param gate a stable name, e.g. {@code drift:age} or {@code null_rate:age}
 * @param field the field the gate watches, or {@code null} for dataset-wide gates
 * @param critical a critical breach rolls back at once
 */
public record GateResult(
    String gate, String field, Verdict verdict, boolean critical, Evidence evidence)
    implements java.io.Serializable {

  public boolean breached() {
    return verdict == Verdict.BREACH;
  }
}
