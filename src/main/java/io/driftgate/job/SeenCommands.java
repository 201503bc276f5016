package io.driftgate.job;

import java.util.OptionalLong;

/**
 * What {@link CommandScreen} remembers of one dataset's signed commands, to refuse stale and
 * replayed ones: the newest signed time it let through, and the ids of those not older than the
 * freshness window behind it. Older ids need not be kept: a command that old is stale anyway. In
 * the job, keyed state ({@link CommandGuard}); in tests, a map.
 */
public interface SeenCommands {

  /** The newest command time let through, in epoch millis; empty before the first. */
  OptionalLong latest() throws Exception;

  boolean contains(String commandId) throws Exception;

  /** Remembers a command let through, at its signed time, and moves {@link #latest} up to it. */
  void add(String commandId, long atMillis) throws Exception;

  /** Forgets the ids of commands signed before {@code atMillis}. */
  void forgetBefore(long atMillis) throws Exception;
}
