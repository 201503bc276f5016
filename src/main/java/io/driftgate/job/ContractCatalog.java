package io.driftgate.job;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.wire.FieldLayout;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The contracts the job knows, by dataset. Loaded once by the client from a directory and shipped
 * inside the job graph, so every subtask checks records against the same contracts and a changed
 * file takes effect only with a new job (or savepoint restart), never halfway through a window.
 */
public final class ContractCatalog implements Serializable {

  private static final long serialVersionUID = 1L;

  private final TreeMap<String, DataContract> byDataset;

  public ContractCatalog(Collection<DataContract> contracts) {
    this.byDataset = new TreeMap<>();
    for (DataContract contract : contracts) {
      DataContract previous = byDataset.put(contract.dataset(), contract);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two contracts for dataset " + contract.dataset() + ": one per dataset, please");
      }
    }
  }

  /** Where the jar carries the example contracts (the repository's {@code contracts/}). */
  public static final String BUNDLED = "driftgate/contracts";

  /**
   * The contracts of {@code directory}; when the directory does not exist and is the default, the
   * contracts bundled in the jar, so the job starts given only Kafka and JDBC settings.
   */
  public static ContractCatalog load(Path directory, boolean isDefault) {
    if (!Files.isDirectory(directory) && isDefault) {
      return loadBundled();
    }
    return load(directory);
  }

  /** The example contracts inside the jar (or on the class path in a build). */
  public static ContractCatalog loadBundled() {
    java.net.URL url = ContractCatalog.class.getClassLoader().getResource(BUNDLED);
    if (url == null) {
      throw new IllegalStateException("no bundled contracts at classpath:" + BUNDLED);
    }
    try {
      java.net.URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return load(Path.of(uri));
      }
      try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
        return load(jar.getPath(BUNDLED));
      }
    } catch (java.net.URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read bundled contracts at " + url, e);
    }
  }

  /** Every {@code *.yaml} / {@code *.yml} file of {@code directory}, one contract per dataset. */
  public static ContractCatalog load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          DriftgateOptions.CONTRACTS_DIR.key()
              + ": contracts directory "
              + directory.toAbsolutePath()
              + " does not exist");
    }
    try (Stream<Path> files = Files.list(directory)) {
      List<DataContract> contracts =
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .map(ContractCatalog::read)
              .toList();
      if (contracts.isEmpty()) {
        throw new IllegalArgumentException(
            "contracts directory " + directory.toAbsolutePath() + " holds no *.yaml contract");
      }
      return new ContractCatalog(contracts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list contracts in " + directory, e);
    }
  }

  /** Reads through the loader by content, so that paths inside a jar work too. */
  private static DataContract read(Path file) {
    try {
      return ContractLoader.load(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract " + file, e);
    }
  }

  public boolean knows(String dataset) {
    return byDataset.containsKey(dataset);
  }

  /**
   * @throws IllegalArgumentException for a dataset without a contract; callers dead-letter such
   *     input before it gets here
   */
  public DataContract contract(String dataset) {
    DataContract contract = byDataset.get(dataset);
    if (contract == null) {
      throw new IllegalArgumentException("no contract for dataset " + dataset);
    }
    return contract;
  }

  public Collection<DataContract> contracts() {
    return byDataset.values();
  }

  public java.util.Set<String> datasets() {
    return java.util.Collections.unmodifiableSet(byDataset.keySet());
  }

  /**
   * Each dataset's declared fields, the layout its parser reads rows by so that {@link
   * RecordProfiler} can take them by position.
   */
  public Map<String, FieldLayout> fieldLayouts() {
    Map<String, FieldLayout> layouts = new TreeMap<>();
    byDataset.forEach(
        (dataset, contract) -> layouts.put(dataset, RecordProfiler.layoutOf(contract)));
    return layouts;
  }

  /** For tests and the demo: the catalog as a map. */
  public Map<String, DataContract> asMap() {
    return java.util.Collections.unmodifiableMap(byDataset);
  }
}
