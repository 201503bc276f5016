package io.driftgate.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A contract file that cannot be used, with every problem found in it: fixing one problem per run
 * of the loader would make authors round-trip once per typo.
 *
 * <p>The message holds one problem per line, each as {@code source: path: problem}.
 */
public final class ContractException extends RuntimeException {

  private final String source;
  private final List<ContractProblem> problems;

  public ContractException(String source, List<ContractProblem> problems) {
    super(message(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ContractException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file (or the name given for a string or reader) the contract was read from. */
  public String source() {
    return source;
  }

  /** All problems, in the order the loader found them. */
  public List<ContractProblem> problems() {
    return problems;
  }

  /** The path of the first problem; see {@link #problems()} for the rest. */
  public String path() {
    return problems.get(0).path();
  }

  /** The first problem; see {@link #problems()} for the rest. */
  public String problem() {
    return problems.get(0).problem();
  }

  private static String message(String source, List<ContractProblem> problems) {
    return problems.stream().map(p -> source + ": " + p).collect(Collectors.joining("\n"));
  }
}
