package io.authtoken.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 * Failures are counted in the database, so they add up across instances, and the instance
 * that counts the last one locks the pair at once. The check on every request reads only
 * memory: other instances learn of a lockout within
 * {@code authtoken.lockout.sync-interval}, and meanwhile their own failure counts, read
 * from the database, lock the pair as soon as they fail once more.
 */
@Component
public class SecretLockout {

	private static final Logger logger = LoggerFactory.getLogger(SecretLockout.class);

	/**
	 * Pairs whose failures this instance counts in memory; the oldest are dropped beyond.
	 */
	private static final int MAX_LOCAL_PAIRS = 100_000;

	/** Number of locks that serialize secret checks per pair; a power of two. */
	private static final int GUARD_STRIPES = 1024;

	/** How often the expired failure rows are deleted. */
	private static final Duration PURGE_PERIOD = Duration.ofMinutes(10);

	private final LockoutStore store;

	private final AuditLog audit;

	private final TokenMetrics metrics;

	private final Clock clock;

	private final AuthTokenProperties.Lockout settings;

	private final Map<Pair, Instant> lockedUntil = new ConcurrentHashMap<>();

	private final Lock[] guards = new Lock[GUARD_STRIPES];

	private volatile Instant lastSync;

	private volatile Instant lastPurge;

	private volatile boolean syncHealthy = true;

	/**
	 * Wrong secrets counted by this instance, for when the database cannot count them.
	 */
	private final Cache<Pair, Integer> localFailures;

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
		// Like the window in the database, a pair's count expires a window after its
		// first
		// failure, not after its latest.
		this.localFailures = Caffeine.newBuilder()
			.maximumSize(MAX_LOCAL_PAIRS)
			.expireAfter(Expiry.<Pair, Integer>creating((pair, failures) -> this.settings.window()))
			.build();
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
	 * Counts a wrong secret, and locks the pair out when it reaches the limit.
	 */
	void recordFailure(String credentialKey, String clientAddress) {
		Instant now = this.clock.instant();
		Pair pair = new Pair(credentialKey, clientAddress);
		int localFailures = this.localFailures.asMap().merge(pair, 1, Integer::sum);
		int failures;
		try {
			failures = Math.max(localFailures,
					this.store.recordFailure(credentialKey, clientAddress, now, this.settings.window()));
		}
		catch (DataAccessException ex) {
			// Without the database the count goes on in memory, so that guessing cannot
			// continue through an outage; the request itself still fails with 503.
			lockIfOverLimit(pair, localFailures, now, false);
			throw ex;
		}
		lockIfOverLimit(pair, failures, now, true);
	}

	private void lockIfOverLimit(Pair pair, int failures, Instant now, boolean record) {
		if (failures < this.settings.maxFailures()) {
			return;
		}
		Instant until = now.plus(this.settings.window());
		this.lockedUntil.put(pair, until);
		if (record && this.store.lock(pair.credentialKey(), pair.clientAddress(), now, until)) {
			logger.warn("Locked out credential {} for client address {} until {} after {} wrong secrets",
					pair.credentialKey(), pair.clientAddress(), until, failures);
			this.audit.recordLockout(pair.credentialKey(), pair.clientAddress(), this.settings.window());
			this.metrics.lockout();
		}
	}

	/**
	 * Reads the lockouts that other instances recorded since the last read, and forgets
	 * the ones that ended. The read goes back further than the last one, by twice the
	 * interval and at least ten seconds, to allow for clocks that differ between
	 * instances.
	 */
	@Scheduled(fixedDelayString = "${authtoken.lockout.sync-interval:PT1S}")
	void synchronize() {
		Instant now = this.clock.instant();
		Duration margin = this.settings.syncInterval().multipliedBy(2);
		Instant since = this.lastSync.minus((margin.getSeconds() < 10) ? Duration.ofSeconds(10) : margin);
		List<LockoutStore.Lockout> lockouts;
		try {
			lockouts = this.store.findLockouts(since, now);
		}
		catch (DataAccessException ex) {
			if (this.syncHealthy) {
				logger.warn("Failed to read lockouts from the database: {}; retrying every {}", ex.getMessage(),
						this.settings.syncInterval());
				this.syncHealthy = false;
			}
			return;
		}
		if (!this.syncHealthy) {
			logger.info("Reading lockouts from the database again");
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

	private record Pair(String credentialKey, String clientAddress) {

	}

}
