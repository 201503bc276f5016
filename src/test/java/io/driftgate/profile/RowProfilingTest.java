package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.Violation;
import io.driftgate.contract.ViolationKind;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import io.driftgate.wire.Rejection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row path of {@link RecordProfiler} (a record parsed into the contract's {@code FieldRow})
 * must give the same profile bytes and the same violations, details included, as the map path it
 * replaced, on seeded random records of every JSON kind in every kind of field: conforming, null,
 * absent, wrong type, out of range, not allowed, not finite, undeclared keys, duplicates, keys in
 * any order.
 */
class RowProfilingTest {

  private static final int RECORDS = 6_000;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "src/test/resources/profile/every.kind.yaml",
        "src/test/resources/profile/every.kind.open.yaml",
        "contracts/features.customer_profile.yaml",
        "contracts/payments.transactions.yaml",
        "src/test/resources/bench/bench.wide.yaml"
      })
  void rowAndMapPathsGiveIdenticalProfilesAndViolations(String contractFile) {
    DataContract contract = ContractLoader.load(Path.of(contractFile));
    String dataset = contract.dataset();
    RecordParser rows = new RecordParser(Map.of(dataset, RecordProfiler.layoutOf(contract)));
    RecordParser maps = new RecordParser(Set.of(dataset));
    RecordProfiler rowProfiler = new RecordProfiler(contract);
    RecordProfiler mapProfiler = new RecordProfiler(contract);
    DatasetProfile[] byRow = profiles(contract);
    DatasetProfile[] byMap = profiles(contract);
    List<String> names = contract.fields().stream().map(f -> f.name()).toList();
    SplittableRandom random = new SplittableRandom(contractFile.hashCode());
    EnumSet<ViolationKind> seen = EnumSet.noneOf(ViolationKind.class);
    int rejected = 0;
    int bound = 0;

    for (int r = 0; r < RECORDS; r++) {
      byte[] json = envelope(dataset, names, random).getBytes(StandardCharsets.UTF_8);
      ParseResult fromRow = rows.parse(json);
      ParseResult fromMap = maps.parse(json);
      if (fromMap instanceof Rejection rejection) {
        assertThat(fromRow).isEqualTo(rejection);
        rejected++;
        continue;
      }
      assertThat(fromRow)
          .as(new String(json, StandardCharsets.UTF_8))
          .isInstanceOf(ObservedRecord.class);
      ObservedRecord rowRecord = (ObservedRecord) fromRow;
      ObservedRecord mapRecord = (ObservedRecord) fromMap;
      assertThat(rowRecord.dataset()).isSameAs(mapRecord.dataset());
      assertThat(rowRecord.version()).isEqualTo(mapRecord.version());
      assertThat(rowRecord.eventTimeMillis()).isEqualTo(mapRecord.eventTimeMillis());
      assertThat(rowRecord.cohortKey()).isEqualTo(mapRecord.cohortKey());
      if (rowRecord.row().layout().size() == names.size()) {
        bound++;
      }
      Map<String, Object> map = mapRecord.fields();
      assertThat(new ArrayList<>(rowRecord.fields().entrySet()))
          .as("the row's map view, in iteration order")
          .isEqualTo(new ArrayList<>(map.entrySet()));

      int profile = r % 2;
      List<Violation> viaRow =
          rowProfiler.observe(byRow[profile], rowRecord.row(), 1_000L * r, 1_000L * r + r % 5);
      List<Violation> viaMap =
          mapProfiler.observe(byMap[profile], map, 1_000L * r, 1_000L * r + r % 5);
      assertThat(viaRow)
          .as("record %d: %s", r, new String(json, StandardCharsets.UTF_8))
          .isEqualTo(viaMap);
      viaMap.forEach(v -> seen.add(v.kind()));
    }

    for (int p = 0; p < byRow.length; p++) {
      assertThat(byRow[p].toBytes()).isEqualTo(byMap[p].toBytes());
    }
    assertThat(byRow[0].records()).isPositive();
    assertThat(rejected).as("bad records are rejected by both").isPositive();
    assertThat(bound).as("rows read by the contract's layout").isGreaterThan(RECORDS / 2);
    if (contractFile.contains("every.kind.yaml")) {
      assertThat(seen).containsExactlyInAnyOrder(ViolationKind.values());
    }
  }

  private static DatasetProfile[] profiles(DataContract contract) {
    return new DatasetProfile[] {
      DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS),
      DatasetProfile.forContract(contract, "v2", ProfileSettings.DEFAULTS)
    };
  }

  /** A record of the dataset whose declared and undeclared keys come in a random order. */
  private static String envelope(String dataset, List<String> names, SplittableRandom random) {
    List<String> members = new ArrayList<>();
    for (String name : names) {
      if (random.nextInt(12) != 0) {
        members.add(quote(name) + ":" + value(random));
      }
    }
    int undeclared = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
    for (int u = 0; u < undeclared; u++) {
      members.add(quote("extra" + random.nextInt(6)) + ":" + value(random));
    }
    if (random.nextInt(200) == 0 && !members.isEmpty()) {
      members.add(members.get(0));
    }
    if (random.nextBoolean()) {
      Collections.shuffle(members, new java.util.Random(random.nextLong()));
    }
    List<String> envelope = new ArrayList<>();
    envelope.add("\"dataset\":" + quote(random.nextInt(100) == 0 ? "other" : dataset));
    envelope.add(
        "\"version\":"
            + (random.nextInt(20) == 0 ? "7" : random.nextInt(40) == 0 ? "\"\"" : "\"v1\""));
    envelope.add(
        "\"event_time\":"
            + new String[] {
                  "1795514400000",
                  "\"2026-11-24T10:00:00Z\"",
                  "\"2026-11-24T11:00:00.123+01:00\"",
                  "\"yesterday\"",
                  "1.5",
                  "012",
                  "99999999999999999999"
                }
                [random.nextInt(20) < 14 ? 0 : random.nextInt(7)]);
    switch (random.nextInt(8)) {
      case 0 -> {}
      case 1 -> envelope.add("\"cohort_key\":null");
      case 2 -> envelope.add("\"cohort_key\":42");
      case 3 -> envelope.add("\"cohort_key\":true");
      default -> envelope.add("\"cohort_key\":\"c-" + random.nextInt(100) + "\"");
    }
    if (random.nextInt(50) == 0) {
      envelope.add("\"trace\":{\"id\":[1,2]}");
    }
    String fields =
        "\"fields\":{" + String.join(random.nextInt(20) == 0 ? " ,\n " : ",", members) + "}";
    envelope.add(random.nextInt(30) == 0 ? 0 : envelope.size(), fields);
    String json = "{" + String.join(",", envelope) + "}";
    return switch (random.nextInt(60)) {
      case 0 -> " \n" + json + "\t ";
      case 1 -> json + "{}";
      case 2 -> json.substring(0, json.length() - 1);
      default -> json;
    };
  }

  private static String value(SplittableRandom random) {
    return switch (random.nextInt(28)) {
      case 0 -> "null";
      case 1, 2 -> Integer.toString(random.nextInt(-5, 120));
      case 3 -> Long.toString(random.nextLong(3_000_000_000L, 9_000_000_000_000L));
      case 4 -> "123456789012345678901234567890";
      case 5, 6 -> Double.toString(random.nextDouble(-1.5, 1.5));
      case 7 -> random.nextInt(40) + ".0";
      case 8 -> "1e400";
      case 9 -> random.nextInt(1, 9) + "e1";
      case 10 -> quote(new String[] {"a", "b", "c", "zzz"}[random.nextInt(4)]);
      case 11 -> quote(new String[] {"NaN", "Infinity", "-Infinity", "5"}[random.nextInt(4)]);
      case 12 -> quote("id-" + random.nextInt(500));
      case 13 -> random.nextBoolean() ? "true" : "false";
      case 14 -> "{\"x\":1,\"y\":[true,null]}";
      case 15 -> "[1,\"a\",2.5]";
      case 16 -> quote("2026-0" + random.nextInt(1, 10) + "-" + (10 + random.nextInt(21)));
      case 17 -> quote("2026-02-30");
      case 18 -> quote("2026-11-24T10:00:0" + random.nextInt(10) + "Z");
      case 19 -> Long.toString(1_795_514_400_000L + random.nextInt(1_000_000));
      case 20 -> "-0.0";
      case 21 -> Double.toString(random.nextDouble() * 1e6);
      case 22 -> Integer.toString(random.nextInt(0, 1_000_000));
      case 23 -> quote("x".repeat(70 + random.nextInt(3)));
      case 24 ->
          random.nextInt(8) == 0
              ? new String[] {"012", "1.", "-", ".5", "+1", "1e", "tru", "nul"}[random.nextInt(8)]
              : "1";
      case 25 ->
          new String[] {"\"a\\u0062\"", "\"\u00e9t\u00e9\"", "\"tab\\t\""}[random.nextInt(3)];
      case 26 ->
          new String[] {"1E2", "-2.5e-3", "0.1e+1", "123456789.123456789", "1e-400"}
              [random.nextInt(5)];
      default ->
          Long.toString(random.nextLong(-9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L));
    };
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
