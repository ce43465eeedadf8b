// Runs the client against a running service. Start one with
// AUTHTOKEN_REFRESH_REUSEGRACE=PT0S, as the README shows, so that a repeated refresh is
// detected at once, and set AUTHTOKEN_BASE_URL and AUTHTOKEN_ADMIN_TOKEN; .ci/run does this.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { before, describe, test } from 'node:test';

import { AuthTokenError, createAuthTokenClient } from '../authtoken-client.js';

const baseUrl = process.env.AUTHTOKEN_BASE_URL;
const adminToken = process.env.AUTHTOKEN_ADMIN_TOKEN;

// Each test fails after this long instead of hanging the run.
const TEST_TIMEOUT = { timeout: 15_000 };

// Shorter than the client's default, so that a service that stops responding fails each
// test well before TEST_TIMEOUT.
const CALL_TIMEOUT_MS = 5_000;

before(() => {
	if (!baseUrl || !adminToken) {
		throw new Error('Set AUTHTOKEN_BASE_URL and AUTHTOKEN_ADMIN_TOKEN to a running service, '
			+ 'such as AUTHTOKEN_BASE_URL=http://127.0.0.1:8080');
	}
});

async function createCredential() {
	const response = await fetch(`${baseUrl}/admin/credentials`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ name: 'js-client-test' }),
		signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
	});
	assert.equal(response.status, 201, await response.clone().text());
	return response.json();
}

function newClient(url = baseUrl) {
	return createAuthTokenClient({ baseUrl: url, timeoutMs: CALL_TIMEOUT_MS });
}

/**
 * Runs start(resolve, reject) and settles with it, or rejects once timeoutMs has passed
 * without either, so that a callback that never comes fails the test.
 */
async function settleWithin(timeoutMs, start) {
	let timer;
	try {
		return await new Promise((resolve, reject) => {
			timer = setTimeout(() => reject(new Error(`No callback within ${timeoutMs} ms`)), timeoutMs);
			start(resolve, reject);
		});
	}
	finally {
		clearTimeout(timer);
	}
}

function claims(token) {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** Returns a loopback port that nothing listens on. */
async function closedPort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('generate and refresh', () => {
	test('generate when secret right then token for the key', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();

		const token = await client.generate(key, secret);

		assert.equal(typeof token, 'string');
		assert.equal(claims(token).iss, key);
	});

	test('issueToken when secret right then token response', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();

		const issued = await client.issueToken(key, secret);

		assert.equal(issued.tokenType, 'Bearer');
		assert.equal(claims(issued.token).iss, key);
		assert.ok(Date.parse(issued.expiresAt) > Date.now());
		assert.ok(Date.parse(issued.refreshExpiresAt) > Date.parse(issued.expiresAt));
	});

	test('refresh when token fresh then new token', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient(`${baseUrl}/`);
		const token = await client.generate(key, secret);

		const refreshed = await client.refresh(token);

		assert.equal(typeof refreshed, 'string');
		assert.notEqual(refreshed, token);
		assert.equal(claims(refreshed).iss, key);
	});

	test('refreshToken when token fresh then token response', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();
		const issued = await client.issueToken(key, secret);

		const refreshed = await client.refreshToken(issued.token);

		assert.notEqual(refreshed.token, issued.token);
		assert.equal(refreshed.tokenType, 'Bearer');
		assert.equal(claims(refreshed.token).sid, claims(issued.token).sid);
		assert.ok(Date.parse(refreshed.expiresAt) > Date.now());
	});

	test('generate when secret wrong then invalid_credentials error', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();

		const error = await client.generate(key, `${secret}x`).then(() => assert.fail('resolved'), (e) => e);

		assert.ok(error instanceof AuthTokenError);
		assert.ok(error instanceof Error);
		assert.equal(error.code, 'invalid_credentials');
		assert.equal(error.status, 401);
		assert.equal(error.type, 'urn:authtoken:problem:invalid-credentials');
		assert.equal(typeof error.detail, 'string');
		assert.equal(error.message, error.detail);
	});

	test('generate when field missing then invalid_request naming it', TEST_TIMEOUT, async () => {
		const client = newClient();

		const error = await client.generate('some-key').then(() => assert.fail('resolved'), (e) => e);

		assert.equal(error.code, 'invalid_request');
		assert.equal(error.status, 400);
		assert.deepEqual(error.errors.map((violation) => violation.field), ['secret']);
	});

	test('refresh when token reused then token_reused error', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();
		const token = await client.generate(key, secret);
		await client.refresh(token);

		const error = await client.refresh(token).then(() => assert.fail('resolved'), (e) => e);

		assert.ok(error instanceof AuthTokenError);
		assert.equal(error.code, 'token_reused');
		assert.equal(error.status, 401);
	});

	test('generate when service unreachable then network_error', TEST_TIMEOUT, async () => {
		const client = newClient(`http://127.0.0.1:${await closedPort()}`);

		const error = await client.generate('key', 'secret').then(() => assert.fail('resolved'), (e) => e);

		assert.ok(error instanceof AuthTokenError);
		assert.equal(error.code, 'network_error');
		assert.equal(error.status, 0);
		assert.ok(error.cause instanceof Error);
	});
});

describe('startAutoRefresh', () => {
	test('auto refresh when due then chains refreshes', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();
		const issued = await client.issueToken(key, secret);
		const received = [];

		// Due at once: refreshBeforeMs is the whole lifetime but for 200 ms.
		const refreshBeforeMs = Date.parse(issued.expiresAt) - Date.now() - 200;
		let handle;
		try {
			await settleWithin(5_000, (resolve, reject) => {
				handle = client.startAutoRefresh(issued, {
					refreshBeforeMs,
					onToken(next) {
						received.push(next);
						if (received.length === 2) {
							resolve();
						}
					},
					onError: reject,
				});
			});
		}
		finally {
			handle?.stop();
		}

		const tokens = received.map((next) => next.token);
		assert.equal(new Set([issued.token, ...tokens]).size, 3);
		assert.equal(received[1].tokenType, 'Bearer');
		assert.equal(handle.current.token, tokens[1]);
		const error = await client.refresh(tokens[0]).then(() => assert.fail('resolved'), (e) => e);
		assert.equal(error.code, 'token_reused');
	});

	test('auto refresh when token already refreshed then stops with token_reused', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();
		const client = newClient();
		const issued = await client.issueToken(key, secret);
		await client.refresh(issued.token);
		let tokens = 0;

		let handle;
		let error;
		try {
			error = await settleWithin(5_000, (resolve) => {
				handle = client.startAutoRefresh(issued, {
					refreshBeforeMs: Date.parse(issued.expiresAt) - Date.now(),
					onToken() {
						tokens += 1;
					},
					onError: resolve,
				});
			});
		}
		finally {
			handle?.stop();
		}

		assert.equal(error.code, 'token_reused');
		assert.equal(tokens, 0);
	});
});
