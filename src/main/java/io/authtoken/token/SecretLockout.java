package io.authtoken.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.config.AuthTokenProperties;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

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

	/** How often the expired failure rows are deleted. */
	private static final Duration PURGE_PERIOD = Duration.ofMinutes(10);

	private final LockoutStore store;

	private final Clock clock;

	private final AuthTokenProperties.Lockout settings;

	private final Map<Pair, Instant> lockedUntil = new ConcurrentHashMap<>();

	private volatile Instant lastSync;

	private volatile Instant lastPurge;

	SecretLockout(LockoutStore store, Clock clock, AuthTokenProperties properties) {
		this.store = store;
		this.clock = clock;
		this.settings = properties.lockout();
		this.lastSync = clock.instant().minus(this.settings.window());
		this.lastPurge = clock.instant();
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
		int failures = this.store.recordFailure(credentialKey, clientAddress, now, this.settings.window());
		if (failures < this.settings.maxFailures()) {
			return;
		}
		Instant until = now.plus(this.settings.window());
		this.lockedUntil.put(new Pair(credentialKey, clientAddress), until);
		if (this.store.lock(credentialKey, clientAddress, now, until)) {
			logger.warn("Locked out credential {} for client address {} until {} after {} wrong secrets", credentialKey,
					clientAddress, until, failures);
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
		for (LockoutStore.Lockout lockout : this.store.findLockouts(since, now)) {
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
