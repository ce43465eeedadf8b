package io.authtoken.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.authtoken.config.AuthTokenProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the requests each client address may send to {@code POST /token} and
 * {@code POST /token/refresh}, with a token bucket per address: {@code burst} requests at
 * once, refilled at {@code requests-per-second}. Each instance keeps its own buckets, so
 * behind a load balancer the limit applies per instance.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter extends OncePerRequestFilter {

	/**
	 * Addresses whose buckets are kept; the least recently seen are dropped beyond this.
	 */
	private static final int MAX_ADDRESSES = 100_000;

	private final ProblemWriter problemWriter;

	private final boolean enabled;

	private final LoadingCache<String, Bucket> buckets;

	RateLimitFilter(ProblemWriter problemWriter, AuthTokenProperties properties) {
		this.problemWriter = problemWriter;
		AuthTokenProperties.RateLimit settings = properties.rateLimit();
		this.enabled = settings.enabled();
		Bandwidth bandwidth = Bandwidth.builder()
			.capacity(settings.burst())
			.refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
			.build();
		// An idle address's bucket is full again after burst / rate seconds, so
		// forgetting
		// it after a minute of silence changes nothing for any sensible setting.
		this.buckets = Caffeine.newBuilder()
			.maximumSize(MAX_ADDRESSES)
			.expireAfterAccess(Duration.ofMinutes(1))
			.build((address) -> Bucket.builder().addLimit(bandwidth).build());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = RequestPaths.applicationPath(request);
		return !this.enabled || !(path.equals("/token") || path.equals("/token/refresh"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientAddress;
		try {
			clientAddress = ClientAddress.of(request);
		}
		catch (ApiException ex) {
			this.problemWriter.write(request, response, ex);
			return;
		}
		ConsumptionProbe probe = this.buckets.get(clientAddress).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			ApiException limited = ApiException.retryAfter(ErrorCode.RATE_LIMITED,
					"Too many requests from this address; retry after the Retry-After seconds.",
					Duration.ofNanos(probe.getNanosToWaitForRefill()));
			this.problemWriter.write(request, response, limited);
			return;
		}
		chain.doFilter(request, response);
	}

}
