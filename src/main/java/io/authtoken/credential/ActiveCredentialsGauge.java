package io.authtoken.credential;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Exports the number of active credentials as {@code authtoken_credentials_active}. The
 * count is read from the database at most once per {@link #MAX_AGE}, however often the
 * metrics are scraped, and is {@code NaN} while the database cannot be read.
 */
@Component
class ActiveCredentialsGauge {

	/** How long a count is reused before the database is queried again. */
	static final Duration MAX_AGE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ActiveCredentialsGauge.class);

	private final CredentialStore store;

	private final Clock clock;

	private double count = Double.NaN;

	private long countedAtNanos;

	private boolean counted;

	ActiveCredentialsGauge(CredentialStore store, Clock clock, MeterRegistry registry) {
		this.store = store;
		this.clock = clock;
		Gauge.builder("authtoken.credentials.active", this, ActiveCredentialsGauge::count)
			.description("Credentials that may issue tokens, counted at most every " + MAX_AGE.toSeconds() + " s")
			.register(registry);
	}

	synchronized double count() {
		long now = System.nanoTime();
		if (!this.counted || now - this.countedAtNanos >= MAX_AGE.toNanos()) {
			this.count = countNow();
			this.countedAtNanos = now;
			this.counted = true;
		}
		return this.count;
	}

	private double countNow() {
		try {
			return this.store.countActive(this.clock.instant());
		}
		catch (DataAccessException ex) {
			logger.debug("Failed to count the active credentials: {}", ex.getClass().getSimpleName());
			return Double.NaN;
		}
	}

}
