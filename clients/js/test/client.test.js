// Runs the client against a running service. Start one as the README shows and set
// AUTHTOKEN_BASE_URL and AUTHTOKEN_ADMIN_TOKEN; .ci/run does this.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { before, describe, test } from 'node:test';

import { AuthTokenError, createAuthTokenClient } from '../authtoken-client.js';

const baseUrl = process.env.AUTHTOKEN_BASE_URL;
const adminToken = process.env.AUTHTOKEN_ADMIN_TOKEN;

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
	});
	assert.equal(response.status, 201, await response.clone().text());
	return response.json();
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
	test('generate when secret right then token for the key', async () => {
		const { key, secret } = await createCredential();
		const client = createAuthTokenClient({ baseUrl });

		const issued = await client.generate(key, secret);

		assert.equal(issued.tokenType, 'Bearer');
		assert.equal(claims(issued.token).iss, key);
		assert.ok(Date.parse(issued.expiresAt) > Date.now());
		assert.ok(Date.parse(issued.refreshExpiresAt) > Date.parse(issued.expiresAt));
	});

	test('refresh when token fresh then new token', async () => {
		const { key, secret } = await createCredential();
		const client = createAuthTokenClient({ baseUrl: `${baseUrl}/` });
		const issued = await client.generate(key, secret);

		const refreshed = await client.refresh(issued.token);

		assert.notEqual(refreshed.token, issued.token);
		assert.equal(claims(refreshed.token).iss, key);
	});

	test('generate when secret wrong then invalid_credentials error', async () => {
		const { key, secret } = await createCredential();
		const client = createAuthTokenClient({ baseUrl });

		const error = await client.generate(key, `${secret}x`).then(() => assert.fail('resolved'), (e) => e);

		assert.ok(error instanceof AuthTokenError);
		assert.ok(error instanceof Error);
		assert.equal(error.code, 'invalid_credentials');
		assert.equal(error.status, 401);
		assert.equal(error.detail, 'The key or the secret is wrong.');
		assert.equal(error.message, error.detail);
		assert.equal(error.type, 'urn:authtoken:problem:invalid-credentials');
	});

	test('generate when field missing then invalid_request naming it', async () => {
		const client = createAuthTokenClient({ baseUrl });

		const error = await client.generate('some-key').then(() => assert.fail('resolved'), (e) => e);

		assert.equal(error.code, 'invalid_request');
		assert.equal(error.status, 400);
		assert.deepEqual(error.errors.map((violation) => violation.field), ['secret']);
	});

	test('refresh when token reused then token_reused error', async () => {
		const { key, secret } = await createCredential();
		const client = createAuthTokenClient({ baseUrl });
		const issued = await client.generate(key, secret);
		await client.refresh(issued.token);

		const error = await client.refresh(issued.token).then(() => assert.fail('resolved'), (e) => e);

		assert.ok(error instanceof AuthTokenError);
		assert.equal(error.code, 'token_reused');
		assert.equal(error.status, 401);
		assert.equal(error.detail, 'The token has already been refreshed.');
	});

	test('generate when service unreachable then network_error', async () => {
		const client = createAuthTokenClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` });

		const error = await client.generate('key', 'secret').then(() => assert.fail('resolved'), (e) => e);

		assert.ok(error instanceof AuthTokenError);
		assert.equal(error.code, 'network_error');
		assert.equal(error.status, 0);
		assert.ok(error.cause instanceof Error);
	});
});

describe('startAutoRefresh', () => {
	test('auto refresh when due then chains refreshes', async () => {
		const { key, secret } = await createCredential();
		const client = createAuthTokenClient({ baseUrl });
		const issued = await client.generate(key, secret);
		const received = [];

		// Due at once: refreshBeforeMs is the whole lifetime but for 200 ms.
		const refreshBeforeMs = Date.parse(issued.expiresAt) - Date.now() - 200;
		await new Promise((resolve, reject) => {
			const handle = client.startAutoRefresh(issued, {
				refreshBeforeMs,
				onToken(next) {
					received.push(next.token);
					if (received.length === 2) {
						handle.stop();
						resolve();
					}
				},
				onError: reject,
			});
		});

		assert.equal(new Set([issued.token, ...received]).size, 3);
		const error = await client.refresh(received[0]).then(() => assert.fail('resolved'), (e) => e);
		assert.equal(error.code, 'token_reused');
	});

	test('auto refresh when token already refreshed then stops with token_reused', async () => {
		const { key, secret } = await createCredential();
		const client = createAuthTokenClient({ baseUrl });
		const issued = await client.generate(key, secret);
		await client.refresh(issued.token);
		let tokens = 0;

		const error = await new Promise((resolve) => {
			client.startAutoRefresh(issued, {
				refreshBeforeMs: Date.parse(issued.expiresAt) - Date.now(),
				onToken() {
					tokens += 1;
				},
				onError: resolve,
			});
		});

		assert.equal(error.code, 'token_reused');
		assert.equal(tokens, 0);
	});
});
