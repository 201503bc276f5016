package io.driftgate.store;

import static io.driftgate.store.StoreFixtures.breach;
import static io.driftgate.store.StoreFixtures.criticalBreach;
import static io.driftgate.store.StoreFixtures.evaluation;
import static io.driftgate.store.StoreFixtures.pass;
import static io.driftgate.store.StoreFixtures.rollback;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.rollout.Decision;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.wire.DecisionJson;
import io.driftgate.wire.EvaluationJson;
import io.driftgate.wire.RoutingJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON the Flink SQL DDL and docs/wire-formats.md declare, field by field. */
class WireFormatTest {

  private static final List<String> GATE_FIELDS =
      List.of(
          "gate",
          "field",
          "verdict",
          "critical",
          "method",
          "statistic",
          "threshold",
          "margin",
          "p_value",
          "fixed_sample_p_value",
          "sketch_error",
          "alpha",
          "candidate_count",
          "baseline_count",
          "window_start",
          "window_end",
          "candidate_mean",
          "baseline_mean");

  @Test
  void decisionHasTheDocumentedFields() throws Exception {
    Decision decision = rollback(3, List.of(pass("drift:country"), criticalBreach("drift:age")));

    JsonNode json = new ObjectMapper().readTree(DecisionJson.toBytes(decision));

    assertThat(fieldNames(json))
        .containsExactly(
            "decision_id",
            "sequence",
            "dataset",
            "candidate_version",
            "baseline_version",
            "kind",
            "from_phase",
            "to_phase",
            "stage_index",
            "exposure_bp",
            "routing_changed",
            "reason",
            "message",
            "actor",
            "decided_at",
            "evidence");
    assertThat(json.get("decision_id").asText()).isEqualTo(decision.decisionId().toString());
    assertThat(json.get("sequence").asLong()).isEqualTo(3);
    assertThat(json.get("dataset").asText()).isEqualTo("features.customer_profile");
    assertThat(json.get("candidate_version").asText()).isEqualTo("v2");
    assertThat(json.get("baseline_version").asText()).isEqualTo("v1");
    assertThat(json.get("kind").asText()).isEqualTo("ROLLED_BACK");
    assertThat(json.get("from_phase").asText()).isEqualTo("STAGE");
    assertThat(json.get("to_phase").asText()).isEqualTo("ROLLED_BACK");
    assertThat(json.get("stage_index").asInt()).isEqualTo(4);
    assertThat(json.get("exposure_bp").asInt()).isZero();
    assertThat(json.get("routing_changed").asBoolean()).isTrue();
    assertThat(json.get("reason").asText()).isEqualTo("PERSISTENT_BREACH");
    assertThat(json.get("actor").asText()).isEqualTo("driftgate");
    assertThat(json.get("decided_at").asText()).isEqualTo("2024-05-01T08:50:04Z");

    JsonNode gate = json.get("evidence").get(1);
    assertThat(fieldNames(gate)).containsExactlyElementsOf(GATE_FIELDS);
    assertThat(gate.get("gate").asText()).isEqualTo("drift:age");
    assertThat(gate.get("field").asText()).isEqualTo("age");
    assertThat(gate.get("verdict").asText()).isEqualTo("BREACH");
    assertThat(gate.get("critical").asBoolean()).isTrue();
    assertThat(gate.get("method").asText()).isEqualTo("ks-sketch");
    assertThat(gate.get("statistic").asDouble()).isEqualTo(0.2);
    assertThat(gate.get("threshold").asDouble()).isEqualTo(0.03);
    assertThat(gate.get("margin").asDouble()).isEqualTo(0.01);
    assertThat(gate.get("p_value").asDouble()).isEqualTo(0.0001);
    assertThat(gate.get("fixed_sample_p_value").isNull()).as("NaN becomes null").isTrue();
    assertThat(gate.get("sketch_error").asDouble()).isEqualTo(0.002);
    assertThat(gate.get("alpha").asDouble()).isEqualTo(0.0125);
    assertThat(gate.get("candidate_count").asLong()).isEqualTo(20_000);
    assertThat(gate.get("baseline_count").asLong()).isEqualTo(19_000);
    assertThat(gate.get("window_start").asText()).isEqualTo("2024-05-01T08:40:00Z");
    assertThat(gate.get("window_end").asText()).isEqualTo("2024-05-01T08:50:00Z");
  }

  @Test
  void evaluationHasTheDocumentedFields() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(EvaluationJson.toBytes(evaluation(breach("null_rate:age"))));

    assertThat(fieldNames(json))
        .containsExactly(
            "dataset",
            "candidate_version",
            "baseline_version",
            "window_start",
            "window_end",
            "candidate_count",
            "baseline_count",
            "results");
    assertThat(json.get("window_start").asText()).isEqualTo("2024-05-01T08:40:00Z");
    assertThat(json.get("window_end").asText()).isEqualTo("2024-05-01T08:50:00Z");
    assertThat(json.get("candidate_count").asLong()).isEqualTo(20_000);
    assertThat(json.get("baseline_count").asLong()).isEqualTo(19_000);
    assertThat(json.get("results")).hasSize(1);
    assertThat(json.get("results").get(0).get("gate").asText()).isEqualTo("null_rate:age");
    assertThat(fieldNames(json.get("results").get(0))).containsExactlyElementsOf(GATE_FIELDS);
  }

  @Test
  void routingHasTheDocumentedFields() {
    RoutingEntry withCandidate = new RoutingEntry("orders", "v1", "v2", 500, "s-1", 1);
    RoutingEntry withoutCandidate = new RoutingEntry("orders", "v1", null, 0, "s-1", -1);

    assertThat(new String(RoutingJson.toBytes(withCandidate, 12), UTF_8))
        .isEqualTo(
            "{\"dataset\":\"orders\",\"baseline_version\":\"v1\",\"candidate_version\":\"v2\","
                + "\"exposure_bp\":500,\"salt\":\"s-1\",\"stage\":1,\"decision_sequence\":12}");
    assertThat(RoutingJson.toNode(withoutCandidate, 13).get("candidate_version").isNull()).isTrue();
  }

  @Test
  void sameInputSameBytes() {
    Decision decision = rollback(3, List.of(pass("drift:country"), criticalBreach("drift:age")));
    Decision copy = rollback(3, List.of(pass("drift:country"), criticalBreach("drift:age")));

    assertThat(DecisionJson.toBytes(decision)).isEqualTo(DecisionJson.toBytes(copy));
    assertThat(EvaluationJson.toBytes(evaluation(pass("a:b"))))
        .isEqualTo(EvaluationJson.toBytes(evaluation(pass("a:b"))));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
