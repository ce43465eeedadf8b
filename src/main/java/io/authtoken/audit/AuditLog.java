package io.authtoken.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.authtoken.config.AuthTokenProperties;

import org.springframework.stereotype.Component;

/**
 * Records audit events: every change to a credential and every security event. Callers
 * pass no secret and no token; the detail is a short description such as the fields that
 * changed.
 */
@Component
public class AuditLog {

	/** Actor of events that no admin caused, such as a startup import or a lockout. */
	public static final String SYSTEM_ACTOR = "system";

	/** Maximum detail length stored, the size of its column. */
	static final int MAX_DETAIL_LENGTH = 500;

	private final AuditStore store;

	private final Clock clock;

	private final String adminActor;

	AuditLog(AuditStore store, Clock clock, AuthTokenProperties properties) {
		this.store = store;
		this.clock = clock;
		this.adminActor = properties.admin().name().strip();
	}

	/**
	 * Returns the actor of calls made with the admin token: the configured
	 * {@code authtoken.admin.name}.
	 */
	public String adminActor() {
		return this.adminActor;
	}

	/**
	 * Records an event that happened now.
	 * @param key the credential concerned, or {@code null}
	 * @param detail a short description without secrets or tokens, or {@code null}; cut
	 * to {@value #MAX_DETAIL_LENGTH} characters
	 */
	public void record(AuditEventType type, String actor, String key, AuditOutcome outcome, String detail) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String stored = (detail != null && detail.length() > MAX_DETAIL_LENGTH) ? detail.substring(0, MAX_DETAIL_LENGTH)
				: detail;
		this.store.insert(now, type, actor, key, outcome, stored);
	}

	/**
	 * Records that a client address was locked out of a credential after repeated
	 * failures.
	 * @param key the credential key that the failed attempts named
	 * @param clientAddress the locked-out client address, or {@code null} when the
	 * lockout applies to the key from every address
	 * @param lockedFor how long the lockout lasts
	 */
	public void recordLockout(String key, String clientAddress, Duration lockedFor) {
		String scope = (clientAddress != null) ? "client " + clientAddress : "every client";
		record(AuditEventType.LOCKOUT, SYSTEM_ACTOR, key, AuditOutcome.DENIED,
				scope + " locked out for " + lockedFor + " after repeated failures");
	}

}
