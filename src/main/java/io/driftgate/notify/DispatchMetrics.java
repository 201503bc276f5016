package io.driftgate.notify;

/**
 * What the dispatcher counts; the job registers these as Flink counters (docs/notifications.md).
 * Each call counts one row.
 */
public interface DispatchMetrics {

  /** Counts nothing: for tests that do not look. */
  DispatchMetrics NONE =
      new DispatchMetrics() {
        @Override
        public void delivered() {}

        @Override
        public void retried() {}

        @Override
        public void gaveUp() {}

        @Override
        public void unknown() {}
      };

  /** A webhook answered 2xx. */
  void delivered();

  /** An attempt failed and the row waits for another. */
  void retried();

  /** A row kept failing until its give-up time. */
  void gaveUp();

  /** A row's outcome cannot be known: it may or may not have arrived, and is not sent again. */
  void unknown();
}
