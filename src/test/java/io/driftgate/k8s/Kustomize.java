package io.driftgate.k8s;

import io.driftgate.k8s.Manifests.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, when kubectl is installed: what {@code
 * kubectl apply -k} would send, generators and patches applied.
 */
final class Kustomize {

  private Kustomize() {}

  /** Whether {@code kubectl kustomize} can run here; tests that need it are skipped otherwise. */
  static boolean available() {
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", "--help")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The documents {@code kubectl kustomize dir} prints. */
  static List<Doc> build(Path dir) {
    try {
      Path out = Files.createTempFile("kustomize-", ".yaml");
      Path errors = Files.createTempFile("kustomize-", ".err");
      try {
        Process process =
            new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectOutput(out.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              "kubectl kustomize "
                  + dir
                  + " failed:\n"
                  + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return Manifests.read(out);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
