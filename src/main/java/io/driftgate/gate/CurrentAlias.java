package io.driftgate.gate;

import java.util.Optional;

/**
 * Where a dataset's alias points, for a dataset whose gate has no rollout history to tell: a start
 * must name it as its baseline. Looked up only then, since the gate itself knows the alias after
 * its first rollout (the baseline until a promotion, the candidate after one).
 */
@FunctionalInterface
public interface CurrentAlias {

  /** Nothing known: the first start's baseline is taken as named. */
  CurrentAlias UNKNOWN = dataset -> Optional.empty();

  /** The alias's version, empty when the dataset has no alias. */
  Optional<String> of(String dataset);
}
