package io.driftgate.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the production job from the {@code run} command's settings. An interface so that the CLI
 * itself loads no Flink class until a job is really run: {@code rollout}, {@code status} and {@code
 * resolve} work from the shaded jar alone, without Flink's jars on the class path.
 */
@FunctionalInterface
interface JobLauncher {

  /**
   * @param configFile a Flink-style YAML or properties file, or {@code null}
   * @param settings key/value settings from the command line, in order; they win over the file
   * @throws CliException with exit code 2 when the configuration is invalid
   */
  void launch(Path configFile, Map<String, String> settings) throws Exception;

  /** The real job; {@link FlinkJobLauncher} is loaded only when this runs. */
  static JobLauncher production() {
    return (configFile, settings) -> {
      try {
        FlinkJobLauncher.production().launch(configFile, settings);
      } catch (NoClassDefFoundError e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("org/apache/flink/")) {
          throw e;
        }
        throw new CliException(
            CliException.FAILURE,
            "Flink is not on the class path ("
                + e.getMessage()
                + "): submit the job with 'flink run driftgate.jar ...'",
            e);
      }
    };
  }
}
