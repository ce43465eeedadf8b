/**
 * Client for the token endpoints of authtoken-service, for browsers and Node.js 18 or
 * later. It has no dependencies and uses the global fetch. The service serves this file
 * at /authtoken-client.js.
 *
 *   import { createAuthTokenClient } from 'https://auth.example.com/authtoken-client.js';
 *   const client = createAuthTokenClient({ baseUrl: 'https://auth.example.com' });
 *   const token = await client.generate(key, secret);
 *
 * generate and refresh resolve to the token string, the JWT, as the old library's
 * generate returned it. issueToken and refreshToken make the same calls and resolve to
 * the whole token response, with the expiry times that startAutoRefresh needs.
 *
 * Every failure rejects with an AuthTokenError whose code is the problem detail's code
 * (see docs/api.md), or network_error, timeout or unexpected_response when the service
 * did not respond with a problem detail.
 */

const DEFAULT_TIMEOUT_MS = 10_000;

const DEFAULT_REFRESH_BEFORE_MS = 60_000;

const DEFAULT_RETRY_DELAY_MS = 5_000;

/** The maximum delay that setTimeout accepts, about 24.8 days. A longer delay fires at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * A failed call. For an error response from the service, code, status, detail, type,
 * title and errors are the members of its RFC 9457 problem detail. For a call that got
 * no response, code is network_error or timeout and status is 0.
 */
export class AuthTokenError extends Error {
	constructor(message, { code, status, detail, type = null, title = null, errors = [], cause } = {}) {
		super(message, cause === undefined ? undefined : { cause });
		this.name = 'AuthTokenError';
		this.code = code;
		this.status = status;
		this.detail = detail;
		this.type = type;
		this.title = title;
		this.errors = errors;
	}
}

/**
 * Creates a client for the service at baseUrl, such as 'https://auth.example.com'. An
 * empty baseUrl calls the origin of the current page.
 *
 * @param {object} options
 * @param {string} options.baseUrl the service's URL, without the /token path
 * @param {number} [options.timeoutMs] how long one call may take before it fails with
 *   code timeout, 10 seconds unless given
 * @param {typeof fetch} [options.fetch] the fetch function to use, globalThis.fetch
 *   unless given
 */
export function createAuthTokenClient({ baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS, fetch = globalThis.fetch } = {}) {
	if (typeof baseUrl !== 'string') {
		throw new TypeError('createAuthTokenClient needs a baseUrl string, such as "https://auth.example.com"');
	}
	if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
		throw new TypeError('timeoutMs must be a positive number of milliseconds');
	}
	if (typeof fetch !== 'function') {
		throw new TypeError('No fetch function: pass one as the fetch option');
	}
	const root = baseUrl.replace(/\/+$/, '');

	async function post(path, body) {
		const url = root + path;
		let response;
		let text;
		try {
			response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
				credentials: 'omit',
				signal: AbortSignal.timeout(timeoutMs),
			});
			text = await response.text();
		}
		catch (error) {
			throw noAnswerError(url, timeoutMs, error);
		}
		return parseAnswer(url, response, text);
	}

	/**
	 * Exchanges a key and secret for a token: POST /token. Resolves to the token
	 * response, { token, tokenType, expiresIn, expiresAt, refreshExpiresAt }, where
	 * token is the JWT and the three time members are null for a legacy token.
	 */
	function issueToken(key, secret) {
		return post('/token', { key, secret });
	}

	/**
	 * Exchanges a token for the next one in its chain: POST /token/refresh. Resolves to
	 * a token response like issueToken's. A repeat within the service's reuse grace
	 * period, 30 seconds by default, resolves to the same new token; a later repeat
	 * rejects with token_reused.
	 */
	function refreshToken(oldAuthToken) {
		return post('/token/refresh', { token: oldAuthToken });
	}

	/** Calls issueToken and resolves to the JWT alone. */
	async function generate(key, secret) {
		return (await issueToken(key, secret)).token;
	}

	/** Calls refreshToken and resolves to the new JWT alone. */
	async function refresh(oldAuthToken) {
		return (await refreshToken(oldAuthToken)).token;
	}

	/**
	 * Refreshes a token shortly before each expiresAt, for as long as the page runs, and
	 * passes every new token response to onToken. A call that got no response, or a 5xx
	 * response, is retried every retryDelayMs until refreshExpiresAt. Any other failure,
	 * such as token_reused or credential_disabled, stops the refreshing and goes to
	 * onError: call issueToken again with the secret.
	 *
	 * @param {object} issued a token response from issueToken or refreshToken
	 * @param {object} options
	 * @param {function(object): void} options.onToken receives each new token response
	 * @param {function(AuthTokenError): void} [options.onError] receives the failure that
	 *   stopped the refreshing
	 * @param {number} [options.refreshBeforeMs] how long before expiresAt to refresh,
	 *   60 seconds unless given
	 * @param {number} [options.retryDelayMs] the wait before a retry, 5 seconds unless
	 *   given
	 * @returns {{stop: function(): void, readonly current: object}} stop() cancels the
	 *   next refresh; current is the latest token response. A refresh already under way
	 *   when stop() is called still passes its token to onToken, because the service has
	 *   already recorded the old token as refreshed.
	 */
	function startAutoRefresh(issued, {
		onToken,
		onError = () => {},
		refreshBeforeMs = DEFAULT_REFRESH_BEFORE_MS,
		retryDelayMs = DEFAULT_RETRY_DELAY_MS,
	} = {}) {
		if (typeof onToken !== 'function') {
			throw new TypeError('startAutoRefresh needs an onToken function');
		}
		if (typeof issued?.token !== 'string' || Number.isNaN(Date.parse(issued.expiresAt))) {
			throw new TypeError('startAutoRefresh needs a token response with a token and an expiresAt; '
				+ 'legacy tokens never expire and cannot be refreshed');
		}
		let current = issued;
		let timer;
		let stopped = false;

		function scheduleAt(time, task) {
			const delay = Math.max(0, time - Date.now());
			timer = setTimeout(delay > MAX_TIMER_DELAY_MS ? () => scheduleAt(time, task) : task,
				Math.min(delay, MAX_TIMER_DELAY_MS));
		}

		function scheduleRefresh() {
			scheduleAt(Date.parse(current.expiresAt) - refreshBeforeMs, run);
		}

		async function run() {
			let next;
			try {
				next = await refreshToken(current.token);
			}
			catch (error) {
				if (!stopped) {
					retryOrStop(error);
				}
				return;
			}
			current = next;
			if (!stopped) {
				scheduleRefresh();
			}
			onToken(next);
		}

		function retryOrStop(error) {
			const deadline = Date.parse(current.refreshExpiresAt ?? current.expiresAt);
			if (isTransient(error) && Date.now() + retryDelayMs < deadline) {
				timer = setTimeout(run, retryDelayMs);
				return;
			}
			stopped = true;
			onError(error);
		}

		scheduleRefresh();
		return {
			stop() {
				stopped = true;
				clearTimeout(timer);
			},
			get current() {
				return current;
			},
		};
	}

	return Object.freeze({ generate, refresh, issueToken, refreshToken, startAutoRefresh });
}

function isTransient(error) {
	return error.status === 0 || error.status >= 500;
}

function noAnswerError(url, timeoutMs, error) {
	if (error?.name === 'TimeoutError') {
		return new AuthTokenError(`POST ${url} timed out after ${timeoutMs} ms`,
			{ code: 'timeout', status: 0, detail: `No response within ${timeoutMs} ms.`, cause: error });
	}
	return new AuthTokenError(`POST ${url} failed: ${error?.message ?? error}`,
		{ code: 'network_error', status: 0, detail: 'The service could not be reached.', cause: error });
}

function parseAnswer(url, response, text) {
	let body;
	try {
		body = JSON.parse(text);
	}
	catch {
		body = null;
	}
	if (response.ok && typeof body?.token === 'string') {
		return body;
	}
	if (!response.ok && typeof body?.code === 'string') {
		const { code, detail = null, type, title, errors } = body;
		throw new AuthTokenError(detail ?? title ?? code,
			{ code, status: response.status, detail, type, title, errors });
	}
	const what = response.ok ? 'a body without a token' : 'no problem detail';
	throw new AuthTokenError(`POST ${url} returned HTTP ${response.status} with ${what}`,
		{ code: 'unexpected_response', status: response.status, detail: null });
}
