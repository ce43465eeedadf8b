package io.authtoken.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntBinaryOperator;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.audit.AuditLog;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.TokenMetrics;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Locks a credential key out for one client address after too many wrong secrets from
 * that address. Other addresses keep working: keys are public in browser frontends, so a
 * lockout per key alone would let anyone lock out a key's real users.
 * <p>
 * Each instance counts failures in memory and locks a pair as soon as its own count
 * reaches the limit, so a wrong secret costs no more than a right one. Once every
 * {@code authtoken.lockout.sync-interval} it adds the new failures to the database in one
 * transaction, reads back each pair's count over all instances, and locks the pairs whose
 * count reached the limit. It also reads the lockouts that other instances recorded. A
 * pair's first failure on an instance is saved only with its second, so that a flood from
 * ever new addresses writes nothing. The sum over N instances can therefore miss up to N
 * failures of a pair. A pair is locked everywhere within about one interval of its saved
 * sum reaching the limit, or at once on an instance that counts the limit alone.
 */
@Component
public class SecretLockout {

	private static final Logger logger = LoggerFactory.getLogger(SecretLockout.class);

	/**
	 * Pairs whose failures this instance counts in memory. Beyond it the cache drops the
	 * ones it expects least to fail again: their counts are in the database, and the
	 * synchronization after their next failure takes them back from there.
	 */
	private static final int MAX_COUNTED_PAIRS = 10_000;

	/**
	 * Failures waiting to be saved, in pairs. A flood of failures from more new pairs
	 * than this within one synchronization interval is counted in memory only.
	 */
	private static final int MAX_UNSAVED_PAIRS = 100_000;

	/**
	 * Locked pairs held in memory. Beyond it the cache drops some, and one more wrong
	 * secret locks such a pair again at the next synchronization, because the database
	 * still has it locked.
	 */
	private static final int MAX_LOCKED_PAIRS = 100_000;

	/** Number of locks that serialize secret checks per pair; a power of two. */
	private static final int GUARD_STRIPES = 1024;

	/** Pairs whose failures one transaction saves. */
	private static final int SAVE_CHUNK = 1000;

	/** How often the expired failure rows are deleted. */
	private static final Duration PURGE_PERIOD = Duration.ofMinutes(10);

	private final LockoutStore store;

	private final AuditLog audit;

	private final TokenMetrics metrics;

	private final Clock clock;

	private final AuthTokenProperties.Lockout settings;

	private final Map<Pair, Instant> lockedUntil;

	private final Lock[] guards = new Lock[GUARD_STRIPES];

	private volatile Instant lastSync;

	private volatile Instant lastPurge;

	private volatile boolean syncHealthy = true;

	/** Whether the running counts were read from the database since startup. */
	private volatile boolean countsLoaded;

	/** Whether a request has tried to read the running counts. */
	private volatile boolean countsRequested;

	/**
	 * Failures per pair in its current window. That is this instance's own count, or the
	 * count over all instances when the database last returned a higher one.
	 */
	private final Cache<Pair, Window> failures;

	/**
	 * Failures that this instance has not yet added to the database.
	 */
	private final Map<Pair, Integer> unsaved = new ConcurrentHashMap<>();

	SecretLockout(LockoutStore store, AuditLog audit, TokenMetrics metrics, Clock clock,
			AuthTokenProperties properties) {
		this.store = store;
		this.audit = audit;
		this.metrics = metrics;
		this.clock = clock;
		this.settings = properties.lockout();
		this.lastSync = clock.instant().minus(this.settings.window());
		this.lastPurge = clock.instant();
		for (int i = 0; i < GUARD_STRIPES; i++) {
			this.guards[i] = new ReentrantLock();
		}
		// The window itself is checked against the clock. The expiry only frees the
		// memory of pairs that stopped failing.
		this.failures = Caffeine.newBuilder()
			.maximumSize(MAX_COUNTED_PAIRS)
			.expireAfterWrite(this.settings.window())
			.build();
		// The synchronization removes ended lockouts, and the expiry frees the memory of
		// any it missed.
		this.lockedUntil = Caffeine.newBuilder()
			.maximumSize(MAX_LOCKED_PAIRS)
			.expireAfterWrite(this.settings.window())
			.<Pair, Instant>build()
			.asMap();
	}

	/**
	 * Returns the lock that serializes secret checks for a pair on this instance. Pairs
	 * share {@value #GUARD_STRIPES} locks by hash, which costs an honest client nothing
	 * measurable and keeps memory fixed.
	 */
	Lock guard(String credentialKey, String clientAddress) {
		int hash = 31 * credentialKey.hashCode() + clientAddress.hashCode();
		return this.guards[(hash ^ (hash >>> 16)) & (GUARD_STRIPES - 1)];
	}

	/**
	 * Rejects a pair that is locked out.
	 * @throws ApiException {@code too_many_attempts} with the time left as
	 * {@code Retry-After}
	 */
	void checkNotLocked(String credentialKey, String clientAddress) {
		if (this.lockedUntil.isEmpty()) {
			return;
		}
		Pair pair = new Pair(credentialKey, clientAddress);
		Instant until = this.lockedUntil.get(pair);
		if (until == null) {
			return;
		}
		Instant now = this.clock.instant();
		if (now.isBefore(until)) {
			throw ApiException.retryAfter(ErrorCode.TOO_MANY_ATTEMPTS,
					"Too many wrong secrets for this key from this address; retry after the Retry-After seconds.",
					Duration.between(now, until));
		}
		this.lockedUntil.remove(pair, until);
	}

	/**
	 * Counts a wrong secret for an existing credential.
	 * @see #recordFailure(String, String, boolean)
	 */
	void recordFailure(String credentialKey, String clientAddress) {
		recordFailure(credentialKey, clientAddress, true);
	}

	/**
	 * Counts a wrong secret, and locks the pair out when its count reaches the limit.
	 * Only the failure that reaches the limit writes to the database.
	 * @param knownKey whether a credential has this key. Lockouts of unknown keys are
	 * counted in the metrics only, without an audit event or a warning in the log,
	 * because a client can make up keys without end.
	 */
	void recordFailure(String credentialKey, String clientAddress, boolean knownKey) {
		Instant now = this.clock.instant();
		if (!this.countsLoaded && !this.countsRequested) {
			// A failure that arrives before the first synchronization reads the saved
			// counts first, so that it does not count from zero. Only one request
			// tries, so that a database outage does not hold up every rejection.
			this.countsRequested = true;
			try {
				loadCountsOnce(now);
			}
			catch (DataAccessException ex) {
				// The synchronization tries again and logs the failure.
			}
		}
		Pair pair = new Pair(credentialKey, clientAddress);
		int count = count(pair, 1, now);
		// A pair's first failure in its window stays in memory, and is saved with its
		// second. An address that fails once, such as each address of a flood that
		// changes address with every request, then costs no database row.
		int toSave = (count == 1) ? 0 : (count == 2) ? 2 : 1;
		if (toSave > 0 && (this.unsaved.size() < MAX_UNSAVED_PAIRS || this.unsaved.containsKey(pair))) {
			this.unsaved.merge(pair, toSave, Integer::sum);
		}
		if (count >= this.settings.maxFailures()) {
			lockNow(pair, count, now, knownKey);
		}
	}

	/**
	 * Adds failures to a pair's count in its current window, or starts a new window.
	 * @return the count after the addition
	 */
	private int count(Pair pair, int added, Instant now) {
		return mergeCount(pair, added, now, Integer::sum);
	}

	/**
	 * Combines a pair's count in its running window with {@code failures}, or starts a
	 * new window with them when there is none or the last one ended.
	 * @return the count after the merge
	 */
	private int mergeCount(Pair pair, int failures, Instant now, IntBinaryOperator combine) {
		Window merged = this.failures.asMap()
			.merge(pair, new Window(now, failures), (current, started) -> current.endedAt(now, this.settings.window())
					? started : new Window(current.start(), combine.applyAsInt(current.failures(), failures)));
		return merged.failures();
	}

	/**
	 * Locks a pair whose count on this instance reached the limit, first saving its
	 * failures so that the row to lock exists. If the database fails, the lockout holds
	 * on this instance, and the failures are saved with the next synchronization.
	 */
	private void lockNow(Pair pair, int count, Instant now, boolean knownKey) {
		Integer pending = this.unsaved.remove(pair);
		if (count == 1) {
			// A limit of one: the first failure, which was not queued, locks the pair.
			pending = 1;
		}
		try {
			if (pending != null) {
				this.store.addFailures(
						List.of(new LockoutStore.Failures(pair.credentialKey(), pair.clientAddress(), pending)), now,
						this.settings.window());
			}
			lock(pair, count, now, true, knownKey);
		}
		catch (DataAccessException ex) {
			if (pending != null) {
				this.unsaved.merge(pair, pending, Integer::sum);
			}
			lock(pair, count, now, false, knownKey);
			logger.warn("Failed to record the lockout of credential {} for client address {} in the database: {}",
					pair.credentialKey(), pair.clientAddress(), ex.getMessage());
		}
	}

	private void lock(Pair pair, int count, Instant now, boolean record, boolean knownKey) {
		Instant until = now.plus(this.settings.window());
		this.lockedUntil.put(pair, until);
		if (!record || !this.store.lock(pair.credentialKey(), pair.clientAddress(), now, until)) {
			return;
		}
		this.metrics.lockout();
		if (knownKey) {
			logger.warn("Locked out credential {} for client address {} until {} after {} wrong secrets",
					pair.credentialKey(), pair.clientAddress(), until, count);
			this.audit.recordLockout(pair.credentialKey(), pair.clientAddress(), this.settings.window());
		}
		else {
			logger.debug("Locked out unknown key {} for client address {} until {}", pair.credentialKey(),
					pair.clientAddress(), until);
		}
	}

	private boolean locked(Pair pair, Instant now) {
		Instant until = this.lockedUntil.get(pair);
		return until != null && now.isBefore(until);
	}

	/**
	 * Reads the saved counts unless another thread did so already.
	 */
	private synchronized void loadCountsOnce(Instant now) {
		if (!this.countsLoaded) {
			loadCounts(now);
		}
	}

	/**
	 * Takes the running counts from the database, so that a pair does not start again at
	 * zero on an instance that just started: after a restart, or on a new instance behind
	 * the load balancer.
	 */
	private void loadCounts(Instant now) {
		List<LockoutStore.Count> counts = this.store.findCounts(now, this.settings.window(), MAX_COUNTED_PAIRS);
		for (LockoutStore.Count saved : counts) {
			// Failures counted since startup are not in the database yet, so they add up.
			Window window = new Window(saved.windowStart(), saved.failures());
			this.failures.asMap()
				.merge(new Pair(saved.credentialKey(), saved.clientAddress()), window,
						(current, loaded) -> new Window(loaded.start(), loaded.failures() + current.failures()));
		}
		this.countsLoaded = true;
		if (!counts.isEmpty()) {
			logger.info("Loaded the wrong-secret counts of {} client address and key pairs from the database",
					counts.size());
		}
	}

	/**
	 * Adds the unsaved failures to the database, takes each pair's count over all
	 * instances from it, and locks the pairs whose count reached the limit. Failures that
	 * could not be saved are kept for the next call.
	 */
	void saveFailures(Instant now) {
		if (this.unsaved.isEmpty()) {
			return;
		}
		List<LockoutStore.Failures> batch = new ArrayList<>();
		for (Pair pair : this.unsaved.keySet()) {
			Integer pending = this.unsaved.remove(pair);
			if (pending != null) {
				batch.add(new LockoutStore.Failures(pair.credentialKey(), pair.clientAddress(), pending));
			}
		}
		for (int from = 0; from < batch.size(); from += SAVE_CHUNK) {
			List<LockoutStore.Failures> chunk = batch.subList(from, Math.min(batch.size(), from + SAVE_CHUNK));
			int[] totals;
			try {
				totals = this.store.addFailures(chunk, now, this.settings.window());
			}
			catch (DataAccessException ex) {
				for (LockoutStore.Failures failed : batch.subList(from, batch.size())) {
					this.unsaved.merge(new Pair(failed.credentialKey(), failed.clientAddress()), failed.count(),
							Integer::sum);
				}
				throw ex;
			}
			for (int i = 0; i < chunk.size(); i++) {
				Pair pair = new Pair(chunk.get(i).credentialKey(), chunk.get(i).clientAddress());
				int count = mergeCount(pair, totals[i], now, Math::max);
				if (count >= this.settings.maxFailures() && !locked(pair, now)) {
					// NOTE: this job does not know whether the key exists, so a lockout
					// reached here is audited either way. That happens for a sum over
					// instances, and for a pair whose count was read back from the
					// database after a restart or after the cache dropped it.
					lock(pair, count, now, true, true);
				}
			}
		}
	}

	/**
	 * Saves the failures counted since the last call, reads the lockouts that other
	 * instances recorded since the last read, and drops the ones that ended. The read
	 * goes back further than the last one, by twice the interval and at least ten
	 * seconds, to allow for clocks that differ between instances.
	 */
	@Scheduled(fixedDelayString = "${authtoken.lockout.sync-interval:PT1S}")
	void synchronize() {
		Instant now = this.clock.instant();
		Duration margin = this.settings.syncInterval().multipliedBy(2);
		Instant since = this.lastSync.minus((margin.getSeconds() < 10) ? Duration.ofSeconds(10) : margin);
		List<LockoutStore.Lockout> lockouts;
		try {
			if (!this.countsLoaded) {
				loadCountsOnce(now);
			}
			saveFailures(now);
			lockouts = this.store.findLockouts(since, now);
		}
		catch (DataAccessException ex) {
			if (this.syncHealthy) {
				logger.warn("Failed to synchronize lockouts with the database: {}; retrying every {}", ex.getMessage(),
						this.settings.syncInterval());
				this.syncHealthy = false;
			}
			return;
		}
		if (!this.syncHealthy) {
			logger.info("Synchronizing lockouts with the database again");
			this.syncHealthy = true;
		}
		for (LockoutStore.Lockout lockout : lockouts) {
			this.lockedUntil.merge(new Pair(lockout.credentialKey(), lockout.clientAddress()), lockout.lockedUntil(),
					(current, recorded) -> current.isAfter(recorded) ? current : recorded);
		}
		this.lockedUntil.values().removeIf((until) -> !now.isBefore(until));
		this.lastSync = now;
		if (Duration.between(this.lastPurge, now).compareTo(PURGE_PERIOD) >= 0) {
			this.store.purgeExpired(now);
			this.lastPurge = now;
		}
	}

	/**
	 * Saves the failures that are not in the database yet, so that other instances count
	 * them after this one stops.
	 */
	@PreDestroy
	void saveOnShutdown() {
		try {
			saveFailures(this.clock.instant());
		}
		catch (DataAccessException ex) {
			logger.warn("Failed to save {} pairs' wrong secrets at shutdown: {}", this.unsaved.size(), ex.getMessage());
		}
	}

	private record Pair(String credentialKey, String clientAddress) {

	}

	/**
	 * A pair's failures since the start of its window.
	 */
	private record Window(Instant start, int failures) {

		boolean endedAt(Instant now, Duration length) {
			return !now.isBefore(this.start.plus(length));
		}

	}

}
