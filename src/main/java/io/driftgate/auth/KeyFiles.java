package io.driftgate.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates an actor's key pair as two text files: {@code <actor>.key}, which stays with the actor,
 * and {@code <actor>.pub}, which goes into the job's key directory. Ed25519 from the JDK: small
 * keys, deterministic signatures, no dependency.
 */
public final class KeyFiles {

  static final String ALGORITHM = "Ed25519";

  private KeyFiles() {}

  /** The files {@link #generate} wrote and the key id they hold. */
  public record Generated(String keyId, Path privateKeyFile, Path publicKeyFile) {}

  /**
   * Writes a new key pair for {@code actor} into {@code dir}, which must exist. The private file is
   * created readable by its owner only where the file system has POSIX permissions.
   *
   * @throws IllegalArgumentException if {@code actor} is not a valid actor name, or one that is no
   *     plain file name
   * @throws FileAlreadyExistsException if either file exists: a key is never overwritten, since the
   *     job may trust the old one
   */
  public static Generated generate(String actor, Path dir) throws IOException {
    String problem = KeyIds.actorProblem(actor);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (actor.contains("/") || actor.contains("\\")) {
      throw new IllegalArgumentException(
          "actor name '" + actor + "' cannot name a key file in " + dir);
    }
    Path privateFile = dir.resolve(actor + ".key");
    Path publicFile = dir.resolve(actor + ".pub");
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key");
      }
    }
    KeyPair pair = newPair();
    String keyId = KeyIds.of(actor, pair.getPublic());
    createPrivate(
        privateFile,
        KeyFileText.write(
            "driftgate control signing key (Ed25519, PKCS#8) of "
                + actor
                + ".\nSecret: keep it with "
                + actor
                + "; 'driftgate rollout ... --key' signs with it.",
            fields(actor, keyId, SigningKey.PRIVATE_KEY, pair.getPrivate().getEncoded())));
    Files.writeString(
        publicFile,
        KeyFileText.write(
            "driftgate control verifying key (Ed25519, X.509) of "
                + actor
                + ".\nPublic: put it in the job's driftgate.control.keys directory.",
            fields(actor, keyId, VerifyingKey.PUBLIC_KEY, pair.getPublic().getEncoded())),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return new Generated(keyId, privateFile, publicFile);
  }

  /** A key file's lines, in the order a reader expects them. */
  private static Map<String, String> fields(
      String actor, String keyId, String keyName, byte[] encoded) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(VerifyingKey.ACTOR, actor);
    fields.put(VerifyingKey.KEY_ID, keyId);
    fields.put(keyName, Base64.getEncoder().encodeToString(encoded));
    return fields;
  }

  private static KeyPair newPair() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
    }
  }

  /** Created with its permissions, so the secret is never readable by others, not even briefly. */
  private static void createPrivate(Path file, String text) throws IOException {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Files.createFile(file, attributes);
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
