package io.driftgate.profile;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What two profiles must share to be merged or compared: their fields (name, how each is
 * summarized, whether it is a key), the sketch settings and the staleness bound. A contract or
 * settings change between a savepoint and its restore changes the shape of new profiles, and state
 * of the old shape can then be neither merged with them nor judged by the new contract: the
 * operators that keep profiles compare shapes and drop or restart what no longer fits, saying so,
 * instead of failing on every restart.
 *
 * @param fields how each field is summarized, by name
 */
public record ProfileShape(
    Map<String, FieldShape> fields, ProfileSettings settings, long staleAfterMillis) {

  /** One field's part of the shape. */
  public record FieldShape(FieldKind kind, boolean key) {}

  public ProfileShape {
    fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    Objects.requireNonNull(settings);
  }

  /** The shape of profiles built for {@code contract} with {@code settings}. */
  public static ProfileShape of(DataContract contract, ProfileSettings settings) {
    Map<String, FieldShape> fields = new TreeMap<>();
    for (FieldSpec spec : contract.fields()) {
      fields.put(spec.name(), new FieldShape(FieldKind.of(spec), spec.unique()));
    }
    long staleAfter =
        contract.freshness() == null ? Long.MAX_VALUE : contract.freshness().maxLag().toMillis();
    return new ProfileShape(fields, settings, staleAfter);
  }

  /**
   * What changed from {@code before} to this shape, for a decision's message and a log line, e.g.
   * {@code fields added: [score]; fields removed: [age]}; empty when nothing did.
   */
  public String changesSince(ProfileShape before) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    fields.forEach(
        (name, shape) -> {
          FieldShape old = before.fields.get(name);
          if (old == null) {
            added.add(name);
          } else if (!old.equals(shape)) {
            changed.add(name);
          }
        });
    before.fields.keySet().stream().filter(name -> !fields.containsKey(name)).forEach(removed::add);
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("fields added: " + added);
    }
    if (!removed.isEmpty()) {
      parts.add("fields removed: " + removed);
    }
    if (!changed.isEmpty()) {
      parts.add("fields summarized differently: " + changed);
    }
    if (!settings.equals(before.settings)) {
      parts.add("profile settings " + before.settings + " -> " + settings);
    }
    if (staleAfterMillis != before.staleAfterMillis) {
      parts.add("freshness bound changed");
    }
    return String.join("; ", parts);
  }
}
