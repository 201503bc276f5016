package io.driftgate.contract;

import java.nio.file.Path;

/** Where the tests find contract files, whether run by Maven or from an IDE. */
final class Contracts {

  private Contracts() {}

  static Path repo() {
    return Path.of(System.getProperty("driftgate.repo", "."));
  }

  static Path example(String name) {
    return repo().resolve("contracts").resolve(name);
  }

  static Path broken(String name) {
    return repo().resolve("src/test/resources/contracts/broken").resolve(name);
  }
}
