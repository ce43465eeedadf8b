package io.authtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Counts wrong secrets per credential key and client address in the database, so that a
 * lockout holds on every instance. Each method is a few atomic statements, safe when
 * several instances count failures for the same pair at once.
 */
interface LockoutStore {

	/**
	 * Counts one failure for a pair, starting a new window when the last one has passed.
	 * @param window how long failures count from the first one in a window
	 * @return the failures in the current window, this one included
	 */
	default int recordFailure(String credentialKey, String clientAddress, Instant now, Duration window) {
		return addFailures(List.of(new Failures(credentialKey, clientAddress, 1)), now, window)[0];
	}

	/**
	 * Adds failures for several pairs at once, starting a new window for each pair whose
	 * last one has passed.
	 * @param failures the pairs, each once, with the failures to add
	 * @param window how long failures count from the first one in a window
	 * @return the failures in each pair's current window after the addition, in the order
	 * of {@code failures}
	 */
	int[] addFailures(List<Failures> failures, Instant now, Duration window);

	/**
	 * Locks a pair out until {@code lockedUntil}, unless it is locked already.
	 * @return {@code true} if this call locked the pair
	 */
	boolean lock(String credentialKey, String clientAddress, Instant now, Instant lockedUntil);

	/**
	 * Returns the pairs whose window is still running at {@code now}, or that are locked,
	 * the highest counts first.
	 * @param window how long failures count from the first one in a window
	 * @param limit the most pairs to return
	 */
	List<Count> findCounts(Instant now, Duration window, int limit);

	/**
	 * Returns the lockouts made at or after {@code since} that still hold at {@code now}.
	 */
	List<Lockout> findLockouts(Instant since, Instant now);

	/**
	 * Deletes the rows that expired before {@code now}.
	 * @return the number of rows deleted
	 */
	int purgeExpired(Instant now);

	/**
	 * Failures of one pair to add.
	 */
	record Failures(String credentialKey, String clientAddress, int count) {

	}

	/**
	 * A pair's failures since {@code windowStart}.
	 */
	record Count(String credentialKey, String clientAddress, Instant windowStart, int failures) {

	}

	/**
	 * A locked-out pair.
	 */
	record Lockout(String credentialKey, String clientAddress, Instant lockedAt, Instant lockedUntil) {

	}

}
