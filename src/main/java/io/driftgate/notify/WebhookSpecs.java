package io.driftgate.notify;

import io.driftgate.rollout.DecisionKind;
import io.driftgate.source.VersionSource.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads webhooks from their one-line specs, {@code
 * <name>=<url>[;format=json|slack][;secret-env=VAR|;secret-file=PATH][;kinds=KIND,...]}, e.g.
 * {@code
 * ops=https://hooks.example/driftgate;format=slack;secret-env=DG_HOOK_SECRET;kinds=ROLLED_BACK}.
 *
 * <p>Flink splits a list option's text on {@code ;}, so {@code --driftgate.notify.webhooks=a=url;
 * format=slack} arrives as two elements. An element whose key is one of the attributes above
 * therefore continues the webhook before it; a webhook starts at each other {@code name=url}. The
 * names {@code format}, {@code secret-env}, {@code secret-file}, {@code kinds} and {@code secret}
 * (refused: a secret is never inline) are thus not webhook names, and a URL cannot contain {@code
 * ;}.
 */
public final class WebhookSpecs {

  private static final Set<String> ATTRIBUTES =
      Set.of("format", "secret-env", "secret-file", "kinds");

  /** Keys that continue a webhook: its attributes, and {@code secret}, to be refused by name. */
  private static final Set<String> CONTINUATIONS =
      Set.of("format", "secret-env", "secret-file", "kinds", "secret");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private WebhookSpecs() {}

  /**
   * The webhooks of a list option's elements, adding every problem to {@code problems} prefixed
   * with {@code key}.
   */
  public static List<Webhook> parse(List<String> elements, String key, List<String> problems) {
    List<Webhook> webhooks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String spec : specs(elements, key, problems)) {
      try {
        Webhook webhook = parse(spec);
        if (!names.add(webhook.name())) {
          problems.add(key + ": webhook '" + webhook.name() + "' is configured twice");
        }
        webhooks.add(webhook);
      } catch (IllegalArgumentException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    return webhooks;
  }

  /**
   * One webhook from its spec.
   *
   * @throws IllegalArgumentException saying what is wrong, naming the webhook
   */
  public static Webhook parse(String spec) {
    String[] parts = spec.strip().split(";");
    int eq = parts[0].indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          "'" + parts[0] + "' is not <name>=<url> (e.g. ops=https://hooks.example/driftgate)");
    }
    String name = parts[0].substring(0, eq).strip();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "webhook name '"
              + name
              + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    String where = "webhook '" + name + "': ";
    URI uri = uri(parts[0].substring(eq + 1).strip(), where);
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String part : Arrays.asList(parts).subList(1, parts.length)) {
      if (part.isBlank()) {
        continue;
      }
      int at = part.indexOf('=');
      String attribute = (at < 0 ? part : part.substring(0, at)).strip();
      if (!ATTRIBUTES.contains(attribute)) {
        throw new IllegalArgumentException(
            where
                + (attribute.equals("secret")
                    ? "a secret is never given inline: use secret-env=VAR or secret-file=PATH"
                    : "unknown key '"
                        + attribute
                        + "' (known: "
                        + String.join(", ", known())
                        + ")"));
      }
      if (at < 0 || part.substring(at + 1).isBlank()) {
        throw new IllegalArgumentException(where + attribute + " needs a value");
      }
      if (attributes.put(attribute, part.substring(at + 1).strip()) != null) {
        throw new IllegalArgumentException(where + attribute + " is given twice");
      }
    }
    return new Webhook(
        name,
        uri,
        format(attributes.get("format"), where),
        secret(attributes, where),
        kinds(attributes.get("kinds"), where));
  }

  /** Joins attribute elements to the webhook before them. */
  private static List<String> specs(List<String> elements, String key, List<String> problems) {
    List<String> specs = new ArrayList<>();
    for (String element : elements) {
      if (element.isBlank()) {
        continue;
      }
      int eq = element.indexOf('=');
      String first = (eq < 0 ? element : element.substring(0, eq)).strip();
      if (CONTINUATIONS.contains(first)) {
        if (specs.isEmpty()) {
          problems.add(key + ": '" + element.strip() + "' follows no <name>=<url>");
        } else {
          specs.set(specs.size() - 1, specs.get(specs.size() - 1) + ";" + element);
        }
      } else {
        specs.add(element);
      }
    }
    return specs;
  }

  private static URI uri(String text, String where) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            where + "'" + text + "' is not an absolute http:// or https:// URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + "'" + text + "' is not a URL: " + e.getMessage());
    }
  }

  private static Webhook.Format format(String text, String where) {
    if (text == null) {
      return Webhook.Format.JSON;
    }
    try {
      return Webhook.Format.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "format '" + text + "' is not json or slack");
    }
  }

  private static Secret secret(Map<String, String> attributes, String where) {
    String env = attributes.get("secret-env");
    String file = attributes.get("secret-file");
    if (env != null && file != null) {
      throw new IllegalArgumentException(where + "give secret-env or secret-file, not both");
    }
    if (env == null && file == null) {
      throw new IllegalArgumentException(
          where
              + "a signing secret is required: secret-env=VAR (an environment variable of the"
              + " TaskManagers) or secret-file=PATH (e.g. a mounted Secret)");
    }
    return env != null ? new Secret(Secret.From.ENV, env) : new Secret(Secret.From.FILE, file);
  }

  private static Set<DecisionKind> kinds(String text, String where) {
    if (text == null) {
      return EnumSet.allOf(DecisionKind.class);
    }
    Set<DecisionKind> kinds = EnumSet.noneOf(DecisionKind.class);
    for (String kind : text.split(",")) {
      try {
        kinds.add(DecisionKind.valueOf(kind.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where
                + "kind '"
                + kind.strip()
                + "' is not one of "
                + Arrays.toString(DecisionKind.values()));
      }
    }
    return kinds;
  }

  private static List<String> known() {
    return ATTRIBUTES.stream().sorted().toList();
  }
}
