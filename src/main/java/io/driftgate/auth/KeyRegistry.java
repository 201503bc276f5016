package io.driftgate.auth;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys the job trusts: every {@code *.pub} file of one directory, typically a mounted
 * ConfigMap or Secret. Keys are added and revoked by changing the directory, without restarting the
 * job: {@link #find} re-reads it when the listing (names, modification times, sizes, symlinks
 * followed) changed, looking at most once per second since commands are rare. Names starting with
 * {@code ..} are skipped: they are the volume's own {@code ..data} links and timestamped copies.
 *
 * <p>A file that cannot be read as a key is logged and skipped, so one bad file does not revoke the
 * others. A key id found in two files is refused rather than resolved by order: which one is meant
 * cannot be known. A missing or unreadable directory holds no keys.
 *
 * <p>Travels inside a Flink function: only the directory is serialized, the keys are read again
 * where it is deserialized.
 */
public final class KeyRegistry implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(KeyRegistry.class);
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final String directory;
  private transient Clock clock;
  private transient Instant lastCheck;
  private transient Listing listing;
  private transient Map<String, VerifyingKey> keys;

  private KeyRegistry(String directory, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keys = Map.of();
  }

  public static KeyRegistry inDirectory(String dir) {
    return new KeyRegistry(dir, Clock.systemUTC());
  }

  /** With the clock that paces the re-reads, for tests that must not wait a second. */
  public static KeyRegistry inDirectory(String dir, Clock clock) {
    return new KeyRegistry(dir, clock);
  }

  public String directory() {
    return directory;
  }

  /** The key of that id, if exactly one file of the directory holds it. */
  public synchronized Optional<VerifyingKey> find(String keyId) {
    refreshIfDue();
    return Optional.ofNullable(keyId == null ? null : keys.get(keyId));
  }

  private void refreshIfDue() {
    Instant now = clock.instant();
    if (lastCheck != null && now.isBefore(lastCheck.plus(CHECK_INTERVAL))) {
      return;
    }
    lastCheck = now;
    Listing current = Listing.of(Path.of(directory));
    if (current.equals(listing)) {
      return;
    }
    logAvailabilityChange(current);
    listing = current;
    keys = load(current);
  }

  private void logAvailabilityChange(Listing current) {
    String before = listing == null ? null : listing.unavailable();
    if (current.unavailable() != null && !current.unavailable().equals(before)) {
      LOG.warn("Control key directory {} holds no keys: {}", directory, current.unavailable());
    } else if (current.unavailable() == null && before != null) {
      LOG.info("Control key directory {} is readable again", directory);
    }
  }

  private Map<String, VerifyingKey> load(Listing current) {
    Map<String, List<String>> filesById = new HashMap<>();
    Map<String, VerifyingKey> byId = new HashMap<>();
    for (Listing.Entry entry : current.entries()) {
      Path file = Path.of(directory, entry.name());
      VerifyingKey key;
      try {
        key = VerifyingKey.read(file);
      } catch (KeyFileException e) {
        LOG.warn("Skipping control key file: {}", e.getMessage());
        continue;
      }
      byId.put(key.keyId(), key);
      filesById.computeIfAbsent(key.keyId(), id -> new ArrayList<>()).add(entry.name());
    }
    filesById.forEach(
        (keyId, files) -> {
          if (files.size() > 1) {
            LOG.error(
                "Refusing control key {}: it is in {} files of {}: {}",
                keyId,
                files.size(),
                directory,
                files);
            byId.remove(keyId);
          }
        });
    LOG.info("Control key directory {}: {} keys {}", directory, byId.size(), byId.keySet());
    return Map.copyOf(byId);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    clock = Clock.systemUTC();
    keys = Map.of();
  }

  /**
   * What the directory looked like: its key files, or why it could not be listed.
   *
   * @param unavailable why the directory could not be listed, or {@code null}
   */
  private record Listing(List<Entry> entries, String unavailable) {

    record Entry(String name, FileTime lastModified, long size) {}

    static Listing of(Path dir) {
      if (!Files.isDirectory(dir)) {
        return new Listing(List.of(), "no such directory");
      }
      List<Entry> entries = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files.sorted()::iterator) {
          String name = file.getFileName().toString();
          if (name.startsWith("..") || !name.endsWith(".pub")) {
            continue;
          }
          entries.add(entry(file, name));
        }
      } catch (IOException | RuntimeException e) {
        return new Listing(List.of(), "cannot list it: " + e);
      }
      return new Listing(List.copyOf(entries), null);
    }

    /** Follows symlinks, so a swapped {@code ..data} link shows as changed files. */
    private static Entry entry(Path file, String name) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Entry(name, attributes.lastModifiedTime(), attributes.size());
      } catch (IOException e) {
        // A dangling link or a file deleted meanwhile: listed, so that reading it logs why.
        return new Entry(name, null, -1);
      }
    }
  }
}
