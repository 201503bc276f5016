package io.driftgate.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.driftgate.contract.ContractException;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.RolloutPlans;
import io.driftgate.contract.Stage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * A rollout plan as JSON, in the shape of the contract's {@code x-driftgate.rollout} block
 * (exposures in percent): the {@code plan} of a start command, and the {@code plan} column of
 * {@code gate_snapshot}. One codec for both, so a stored plan is read back with the very rules a
 * start command's plan is checked by: a plan this version of the job would refuse is not resumed.
 */
public final class PlanJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private PlanJson() {}

  /** The JSON text {@link #parse} reads back as an equal plan. */
  public static String toText(RolloutPlan plan) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      write(json, plan);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a plan to memory", e);
    }
    return out.toString();
  }

  /**
   * @param source names the plan in the exception's message
   * @throws IllegalArgumentException naming every problem, if {@code text} is not JSON or not a
   *     plan the contract rules accept
   */
  public static RolloutPlan parse(String text, String source) {
    try {
      return RolloutPlans.fromTree(JSON.readTree(text), source);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage(), e);
    } catch (ContractException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static void write(JsonGenerator json, RolloutPlan plan) throws IOException {
    json.writeStartObject();
    json.writeNumberField("rollbackWindow", plan.rollbackWindow());
    json.writeArrayFieldStart("stages");
    for (Stage stage : plan.stages()) {
      json.writeStartObject();
      json.writeNumberField(
          "exposure", BigDecimal.valueOf(stage.exposureBasisPoints(), 2).stripTrailingZeros());
      json.writeStringField("minDuration", stage.minDuration().toString());
      json.writeStringField("maxDuration", stage.maxDuration().toString());
      json.writeNumberField("minSamples", stage.minSamplesPerSide());
      json.writeBooleanField("approval", stage.approvalRequired());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("onDeadline", plan.onDeadline().spelling());
    json.writeEndObject();
  }
}
