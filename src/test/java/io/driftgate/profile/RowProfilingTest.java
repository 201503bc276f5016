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

  private static final int RECORDS = 4_000;

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

    for (int r = 0; r < RECORDS; r++) {
      byte[] json = envelope(dataset, names, random).getBytes(StandardCharsets.UTF_8);
      ParseResult fromRow = rows.parse(json);
      ParseResult fromMap = maps.parse(json);
      if (fromMap instanceof Rejection rejection) {
        assertThat(fromRow).isEqualTo(rejection);
        rejected++;
        continue;
      }
      ObservedRecord rowRecord = (ObservedRecord) fromRow;
      ObservedRecord mapRecord = (ObservedRecord) fromMap;
      assertThat(rowRecord.row().layout().size()).isEqualTo(names.size());
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
    assertThat(rejected).as("duplicate fields are rejected by both").isPositive();
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
    return "{\"dataset\":"
        + quote(dataset)
        + ",\"version\":\"v1\",\"event_time\":1,\"fields\":{"
        + String.join(",", members)
        + "}}";
  }

  private static String value(SplittableRandom random) {
    return switch (random.nextInt(24)) {
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
      default -> quote("x".repeat(70 + random.nextInt(3)));
    };
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
