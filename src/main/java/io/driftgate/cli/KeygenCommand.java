package io.driftgate.cli;

import io.driftgate.auth.KeyFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftgate keygen}: an actor's key pair for signed control commands. The private file stays
 * with the actor ({@code rollout --key}); the public one goes into the job's key directory.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Creates an Ed25519 key pair for signing rollout commands: <out>/<actor>.key (secret,"
          + " readable by its owner only; 'driftgate rollout ... --key <file>' signs with it) and"
          + " <out>/<actor>.pub (for the job's driftgate.control.keys directory). Prints both"
          + " paths and the key id. Never overwrites an existing file."
    })
final class KeygenCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--actor",
      required = true,
      paramLabel = "<name>",
      description =
          "Whose key: the actor the job records for commands signed with it. No whitespace or"
              + " control characters, at most 255 characters.")
  String actor;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<dir>",
      description = "The directory to write the two files to; created if missing.")
  Path out;

  KeygenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    KeyFiles.Generated generated;
    try {
      Files.createDirectories(out);
      generated = KeyFiles.generate(actor, out);
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage(
          e.getFile() + " exists; refusing to overwrite a key (the job may trust it)");
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--actor: " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(
          CliException.FAILURE, "cannot write keys to " + out + ": " + e.getMessage(), e);
    }
    context.out().println("key id:      " + generated.keyId());
    context.out().println("private key: " + generated.privateKeyFile() + " (keep it secret)");
    context.out().println("public key:  " + generated.publicKeyFile());
    return 0;
  }
}
