package io.driftgate.contract;

import java.util.List;

/**
 * The actors one rule of a control policy names: {@code "*"} stands for any authenticated actor, an
 * empty list for nobody.
 *
 * @param anyone whether the rule was {@code "*"} (or contained it)
 * @param names the actors named, in the order written; empty when {@code anyone}
 */
public record Actors(boolean anyone, List<String> names) implements java.io.Serializable {

  /** The rule written {@code ["*"]}. */
  public static final Actors ANYONE = new Actors(true, List.of());

  /** The rule written {@code []}, and what a restricted policy gives an action it does not list. */
  public static final Actors NOBODY = new Actors(false, List.of());

  public Actors {
    names = anyone ? List.of() : List.copyOf(names);
  }

  /** Whether {@code actor}, a non-blank name, is one of these; a blank or absent actor never is. */
  public boolean includes(String actor) {
    if (actor == null || actor.isBlank()) {
      return false;
    }
    return anyone || names.contains(actor);
  }

  /** E.g. {@code ada, grace}, {@code anyone} or {@code nobody}. */
  public String describe() {
    if (anyone) {
      return "anyone";
    }
    return names.isEmpty() ? "nobody" : String.join(", ", names);
  }
}
