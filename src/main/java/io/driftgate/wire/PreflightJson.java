package io.driftgate.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.driftgate.rollout.Preflight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Set;

/**
 * A preflight as JSON: the {@code preflight} member of a start command, and the file {@code
 * driftgate preflight} writes for {@code driftgate rollout start --preflight} to send. The profiles
 * are Base64 of their {@code DatasetProfile} bytes; the job checks what they hold.
 *
 * <pre>{@code
 * {"dataset":"features.customer_profile","candidate_version":"v2","baseline_version":"v1",
 *  "verdict":"PASS","message":"preflight passed: ...",
 *  "preflight":{"candidate_source":"parquet:/lake/v2","candidate_profile":"RFAB...",
 *   "unreadable_candidate_rows":0,"baseline_source":"parquet:/lake/v1",
 *   "baseline_profile":"RFAB...","unreadable_baseline_rows":0}}
 * }</pre>
 *
 * <p>{@code verdict} and {@code message} are what the runner's own judgement said, for people; the
 * job judges the preflight again and only its decision counts.
 */
public final class PreflightJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> MEMBERS =
      Set.of(
          "candidate_source",
          "baseline_source",
          "candidate_profile",
          "baseline_profile",
          "unreadable_candidate_rows",
          "unreadable_baseline_rows");
  private static final Set<String> FILE =
      Set.of("dataset", "candidate_version", "baseline_version", "verdict", "message", "preflight");

  /** A preflight file: which rollout it is for, and what its runner concluded. */
  public record File(
      String dataset,
      String candidateVersion,
      String baselineVersion,
      String verdict,
      String message,
      Preflight preflight) {}

  private PreflightJson() {}

  public static byte[] toFile(File file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("dataset", file.dataset());
      json.writeStringField("candidate_version", file.candidateVersion());
      json.writeStringField("baseline_version", file.baselineVersion());
      json.writeStringField("verdict", file.verdict());
      json.writeStringField("message", file.message());
      json.writeFieldName("preflight");
      write(json, file.preflight());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a preflight to memory", e);
    }
    return out.toByteArray();
  }

  /**
   * @throws IllegalArgumentException naming every problem of the file
   */
  public static File fromFile(byte[] bytes) {
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    ControlFields m = new ControlFields(tree);
    m.rejectUnknownKeys(FILE);
    File file =
        new File(
            m.text("dataset"),
            m.text("candidate_version"),
            m.text("baseline_version"),
            m.get("verdict") == null ? null : m.text("verdict"),
            m.get("message") == null ? null : m.text("message"),
            read(m, "preflight"));
    if (m.get("preflight") == null) {
      m.problem("preflight: required");
    }
    if (!m.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", m.problems()));
    }
    return file;
  }

  static void write(JsonGenerator json, Preflight preflight) throws IOException {
    json.writeStartObject();
    json.writeStringField("candidate_source", preflight.candidateSource());
    json.writeStringField(
        "candidate_profile", Base64.getEncoder().encodeToString(preflight.candidateProfile()));
    json.writeNumberField("unreadable_candidate_rows", preflight.unreadableCandidateRows());
    if (preflight.baselineSource() != null) {
      json.writeStringField("baseline_source", preflight.baselineSource());
      json.writeStringField(
          "baseline_profile", Base64.getEncoder().encodeToString(preflight.baselineProfile()));
      json.writeNumberField("unreadable_baseline_rows", preflight.unreadableBaselineRows());
    }
    json.writeEndObject();
  }

  /** The preflight in {@code key} of {@code m}, {@code null} when absent or wrong (a problem). */
  static Preflight read(ControlFields m, String key) {
    JsonNode node = m.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      m.problem(key + ": expected an object, got " + ControlFields.describe(node));
      return null;
    }
    ControlFields p = new ControlFields(node);
    p.rejectUnknownKeys(MEMBERS);
    String candidateSource = p.text("candidate_source");
    byte[] candidateProfile = base64(p, "candidate_profile", true);
    String baselineSource = p.get("baseline_source") == null ? null : p.text("baseline_source");
    byte[] baselineProfile = base64(p, "baseline_profile", false);
    long unreadableCandidate = count(p, "unreadable_candidate_rows");
    long unreadableBaseline = count(p, "unreadable_baseline_rows");
    if ((baselineSource == null) != (baselineProfile == null)) {
      p.problem("baseline_source and baseline_profile go together, or neither");
    }
    if (baselineSource == null && unreadableBaseline != 0) {
      p.problem("unreadable_baseline_rows without a baseline_source");
    }
    p.problems().forEach(problem -> m.problem(key + "." + problem));
    if (!p.problems().isEmpty() || candidateSource == null || candidateProfile == null) {
      return null;
    }
    return new Preflight(
        candidateSource,
        baselineSource,
        candidateProfile,
        baselineProfile,
        unreadableCandidate,
        unreadableBaseline);
  }

  private static byte[] base64(ControlFields m, String key, boolean required) {
    JsonNode node = m.get(key);
    if (node == null || node.isNull()) {
      if (required) {
        m.problem(key + ": required");
      }
      return null;
    }
    if (!node.isTextual()) {
      m.problem(key + ": expected Base64 text, got " + ControlFields.describe(node));
      return null;
    }
    try {
      return Base64.getDecoder().decode(node.textValue());
    } catch (IllegalArgumentException e) {
      m.problem(key + ": not Base64: " + e.getMessage());
      return null;
    }
  }

  private static long count(ControlFields m, String key) {
    JsonNode node = m.get(key);
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      m.problem(key + ": expected a count, got " + ControlFields.describe(node));
      return 0;
    }
    return node.longValue();
  }
}
