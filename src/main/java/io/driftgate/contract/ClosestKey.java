package io.driftgate.contract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key an unknown one was probably meant to be, so an error says "did you mean
 * 'required'?" rather than making its author scan a list of twenty keys for a swapped letter.
 *
 * <p>Distance is optimal string alignment (Levenshtein plus swapping two neighbours), so {@code
 * requried} is one edit from {@code required}, as a reader would count it. A key further away than
 * a third of its length suggests nothing: a wrong guess is worse than none.
 */
final class ClosestKey {

  private static final int MAX_DISTANCE = 3;

  private ClosestKey() {}

  static Optional<String> to(String unknown, List<String> known) {
    int limit = Math.min(MAX_DISTANCE, Math.max(1, unknown.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(lower(unknown), lower(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Case counts as no edit: {@code Required} is plainly {@code required}. */
  private static String lower(String key) {
    return key.toLowerCase(Locale.ROOT);
  }

  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
