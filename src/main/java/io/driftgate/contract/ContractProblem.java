package io.driftgate.contract;

/**
 * One thing wrong with a contract file, located so its author can fix it without guessing.
 *
 * @param path where inside the file, e.g. {@code schema[0].properties[2].logicalTypeOptions}; empty
 *     for the document itself
 * @param problem what is wrong, in one line
 */
public record ContractProblem(String path, String problem) {

  /** The line as it appears in a {@link ContractException} message, without the source. */
  @Override
  public String toString() {
    return path.isEmpty() ? problem : path + ": " + problem;
  }
}
