package io.driftgate.store;

/**
 * A consumer asked for a dataset that driftgate knows nothing about. Thrown rather than guessing a
 * version, because a wrong guess reads data nobody vouched for.
 */
public final class UnknownDatasetException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String dataset;

  public UnknownDatasetException(String dataset) {
    super(
        "dataset '"
            + dataset
            + "' has neither a routing entry (cohort_routing) nor an alias (dataset_alias)");
    this.dataset = dataset;
  }

  public String dataset() {
    return dataset;
  }
}
