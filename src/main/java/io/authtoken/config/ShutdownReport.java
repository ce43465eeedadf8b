package io.authtoken.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs the start of a shutdown, before the web server stops, so that the log shows when
 * and why an instance stopped serving.
 */
@Component
class ShutdownReport {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownReport.class);

	private final ApplicationContext context;

	ShutdownReport(ApplicationContext context) {
		this.context = context;
	}

	@EventListener
	void onClosed(ContextClosedEvent event) {
		// A separate management server has a child context, whose close reaches here too.
		if (event.getApplicationContext() == this.context) {
			logger.info("Shutting down: refusing new connections and finishing in-flight requests for up to "
					+ "spring.lifecycle.timeout-per-shutdown-phase");
		}
	}

}
