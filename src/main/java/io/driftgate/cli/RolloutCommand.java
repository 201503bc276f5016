package io.driftgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.driftgate.auth.CommandSignatures;
import io.driftgate.auth.SigningKey;
import io.driftgate.contract.ContractException;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.RolloutPlans;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.StageNumber;
import io.driftgate.wire.ControlSignature;
import io.driftgate.wire.PreflightJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftgate rollout ...}: the operator's commands, published to the job's control topic. The
 * job applies them in event-time order with the records; the decision they cause shows up in {@code
 * driftgate status}.
 */
@picocli.CommandLine.Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a command for one dataset's rollout to the job's control topic (Kafka), waits for"
          + " Kafka's acknowledgement and prints the command id. The job decides what the"
          + " command does; see the result with 'driftgate status --dataset <dataset>'."
    },
    subcommands = {
      RolloutCommand.Start.class,
      RolloutCommand.Approve.class,
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Abort.class,
      RolloutCommand.Rollback.class
    })
final class RolloutCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: start, approve, pause, resume, abort or rollback");
  }

  /**
   * Builds a command from the common fields, signs it if given a key, publishes it, prints its id.
   */
  abstract static class Publishing implements Callable<Integer> {

    final CliContext context;

    @Mixin ControlOptions control;

    @Parameters(
        index = "0",
        paramLabel = "<dataset>",
        description = "The dataset, e.g. features.customer_profile.")
    String dataset;

    Publishing(CliContext context) {
      this.context = context;
    }

    abstract Command command(String commandId, String actor, Instant at);

    @Override
    public Integer call() {
      String servers = control.bootstrapServers(context);
      SigningKey key = control.signingKey(context);
      Command command =
          command(control.commandId(), control.actor(context, key), control.at(context));
      ControlSignature signature =
          key == null
              ? null
              : new ControlSignature(key.keyId(), CommandSignatures.sign(command, key));
      ControlPublisher.publish(
          servers,
          control.kafkaSecurity(context),
          control.topic,
          command,
          signature,
          control.timeout);
      context.out().println(command.commandId());
      return 0;
    }
  }

  /** A command that withdraws the candidate, and must say why. */
  abstract static class Withdrawing extends Publishing {

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "<text>",
        description = "Why; recorded in the audit log.")
    String reason;

    Withdrawing(CliContext context) {
      super(context);
    }
  }

  @picocli.CommandLine.Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Starts rolling out <candidate> of <dataset> against --baseline: the job exposes a"
            + " growing cohort of consumers stage by stage while its gates pass, then promotes"
            + " the candidate (the alias moves), or rolls it back.",
        "Without --plan the stages come from the dataset's contract (x-driftgate.rollout)."
      })
  static final class Start extends Publishing {

    @Parameters(index = "1", paramLabel = "<candidate>", description = "The version to roll out.")
    String candidate;

    @Option(
        names = "--baseline",
        required = true,
        paramLabel = "<version>",
        description = "The version consumers read now (the alias), compared against.")
    String baseline;

    @Option(
        names = "--plan",
        paramLabel = "<file>",
        description =
            "A rollout plan in JSON or YAML, shaped like a contract's x-driftgate.rollout block"
                + " (rollbackWindow, onDeadline, stages with exposure in %%, minDuration,"
                + " maxDuration, minSamples, approval), checked with the same rules.")
    Path plan;

    @Option(
        names = "--location",
        paramLabel = "<location>",
        description =
            "Where consumers read <candidate>: a table, a path, an Iceberg snapshot or branch,"
                + " any URI (at most 2048 characters). Recorded once the rollout starts; the"
                + " resolver and 'resolve --with-location' return it with the version.")
    String location;

    @Option(
        names = "--preflight",
        paramLabel = "<file>",
        description =
            "The file 'driftgate preflight' wrote for this candidate and baseline: the whole"
                + " candidate (and baseline) profiled before anyone is exposed. The job judges it"
                + " with its contract: a failing preflight is refused (PREFLIGHT_FAILED) with its"
                + " evidence; a passing one starts stage 1, and the stages are then judged on it.")
    Path preflight;

    Start(CliContext context) {
      super(context);
    }

    @Override
    Command command(String commandId, String actor, Instant at) {
      return new Command.Start(
          commandId,
          dataset,
          actor,
          at,
          candidate,
          baseline,
          plan == null ? null : plan(plan),
          location,
          preflight == null ? null : preflight(preflight));
    }

    /** The file's preflight, when it was made for this dataset, candidate and baseline. */
    private io.driftgate.rollout.Preflight preflight(Path file) {
      PreflightJson.File read;
      try {
        read = PreflightJson.fromFile(Files.readAllBytes(file));
      } catch (IOException e) {
        throw CliException.usage("--preflight: cannot read " + file + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--preflight: " + file + " is not a preflight: " + e.getMessage());
      }
      if (!dataset.equals(read.dataset())
          || !candidate.equals(read.candidateVersion())
          || !baseline.equals(read.baselineVersion())) {
        throw CliException.usage(
            String.format(
                "--preflight: %s is the preflight of %s %s against %s, not of %s %s against %s",
                file,
                read.dataset(),
                read.candidateVersion(),
                read.baselineVersion(),
                dataset,
                candidate,
                baseline));
      }
      return read.preflight();
    }

    static RolloutPlan plan(Path file) {
      JsonNode tree;
      try {
        String text = Files.readString(file);
        String name = file.getFileName().toString();
        tree =
            name.endsWith(".json")
                ? new JsonMapper().readTree(text)
                : new YAMLMapper().readTree(text);
      } catch (IOException e) {
        throw CliException.usage("--plan: cannot read " + file + ": " + e.getMessage());
      }
      try {
        return RolloutPlans.fromTree(tree, file.toString());
      } catch (ContractException e) {
        throw CliException.usage("--plan is not a valid rollout plan:\n" + e.getMessage());
      }
    }
  }

  @picocli.CommandLine.Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = {
        "Approves a stage that the plan marks 'approval: true', so the rollout may enter it."
            + " An approval given during the rollout but before the stage is reached is kept:"
            + " the rollout then does not stop there.",
        "An approval of a stage already passed, not in the plan or not needing one is refused:"
            + " 'driftgate status --dataset <dataset>' shows it as REJECTED with the reason.",
        "Stages count from 1, as 'driftgate status', the decision messages and the demo print"
            + " them."
      })
  static final class Approve extends Publishing {

    @Option(
        names = "--stage",
        required = true,
        paramLabel = "<n>",
        description = "The stage to approve, 1 for the first.")
    int stage;

    Approve(CliContext context) {
      super(context);
    }

    @Override
    Command command(String commandId, String actor, Instant at) {
      if (stage < 1) {
        throw CliException.usage("--stage is " + stage + ", stages count from 1");
      }
      return new Command.Approve(commandId, dataset, actor, at, StageNumber.index(stage));
    }
  }

  @picocli.CommandLine.Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description =
          "Freezes the rollout at its current exposure; automatic rollback stays armed."
              + " 'rollout resume' continues it.")
  static final class Pause extends Publishing {

    Pause(CliContext context) {
      super(context);
    }

    @Override
    Command command(String commandId, String actor, Instant at) {
      return new Command.Pause(commandId, dataset, actor, at);
    }
  }

  @picocli.CommandLine.Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Continues a paused rollout where it was paused.")
  static final class Resume extends Publishing {

    Resume(CliContext context) {
      super(context);
    }

    @Override
    Command command(String commandId, String actor, Instant at) {
      return new Command.Resume(commandId, dataset, actor, at);
    }
  }

  @picocli.CommandLine.Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description =
          "Stops the rollout for good: exposure drops to 0 and the alias stays on the baseline."
              + " Use it when the candidate is simply not wanted; use 'rollback' for an"
              + " incident.")
  static final class Abort extends Withdrawing {

    Abort(CliContext context) {
      super(context);
    }

    @Override
    Command command(String commandId, String actor, Instant at) {
      return new Command.Abort(commandId, dataset, actor, at, reason);
    }
  }

  @picocli.CommandLine.Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description =
          "Rolls the candidate back by hand, e.g. after an incident the gates did not see:"
              + " exposure drops to 0 and the alias returns to (or stays on) the baseline,"
              + " recorded as a manual rollback.")
  static final class Rollback extends Withdrawing {

    Rollback(CliContext context) {
      super(context);
    }

    @Override
    Command command(String commandId, String actor, Instant at) {
      return new Command.ManualRollback(commandId, dataset, actor, at, reason);
    }
  }
}
