// Runs the client against stub servers on loopback, for responses that a healthy service
// never sends, such as a hang, a proxy's HTML error page or a 503 that clears, and for a
// refresh repeated within the reuse grace period, which the service under test turns off.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, test } from 'node:test';

import { createAuthTokenClient } from '../authtoken-client.js';

// Each test fails after this long instead of hanging the run.
const TEST_TIMEOUT = { timeout: 15_000 };

const servers = [];

after(() => {
	for (const server of servers) {
		server.closeAllConnections();
		server.close();
	}
});

/** Starts a server whose handler receives each request with its parsed JSON body. */
async function stub(handler) {
	const server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => {
			body += chunk;
		});
		request.on('end', () => handler(request, response, body ? JSON.parse(body) : null));
	});
	servers.push(server);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${server.address().port}`;
}

function reply(response, status, contentType, body) {
	response.writeHead(status, { 'Content-Type': contentType });
	response.end(typeof body === 'string' ? body : JSON.stringify(body));
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

function tokenResponse(token, expiresInMs) {
	const expiresAt = new Date(Date.now() + expiresInMs);
	return {
		token,
		tokenType: 'Bearer',
		expiresIn: Math.round(expiresInMs / 1000),
		expiresAt: expiresAt.toISOString(),
		refreshExpiresAt: new Date(expiresAt.getTime() + 86_400_000).toISOString(),
	};
}

test('generate when no answer within timeout then timeout error', TEST_TIMEOUT, async () => {
	const baseUrl = await stub(() => {});
	const client = createAuthTokenClient({ baseUrl, timeoutMs: 200 });

	const error = await client.generate('key', 'secret').then(() => assert.fail('resolved'), (e) => e);

	assert.equal(error.code, 'timeout');
	assert.equal(error.status, 0);
	assert.match(error.message, /timed out after 200 ms/);
});

test('generate when answer is not a problem detail then unexpected_response', TEST_TIMEOUT, async () => {
	const baseUrl = await stub((request, response) => reply(response, 502, 'text/html', '<h1>Bad Gateway</h1>'));
	const client = createAuthTokenClient({ baseUrl });

	const error = await client.generate('key', 'secret').then(() => assert.fail('resolved'), (e) => e);

	assert.equal(error.code, 'unexpected_response');
	assert.equal(error.status, 502);
});

test('generate when success body has no token then unexpected_response', TEST_TIMEOUT, async () => {
	const baseUrl = await stub((request, response) => reply(response, 200, 'application/json', { ok: true }));
	const client = createAuthTokenClient({ baseUrl });

	const error = await client.generate('key', 'secret').then(() => assert.fail('resolved'), (e) => e);

	assert.equal(error.code, 'unexpected_response');
	assert.equal(error.status, 200);
});

test('generate sends JSON key and secret to /token without cookies', TEST_TIMEOUT, async () => {
	const requests = [];
	const baseUrl = await stub((request, response, body) => {
		requests.push({ method: request.method, url: request.url, type: request.headers['content-type'], body });
		reply(response, 200, 'application/json', tokenResponse('t1', 3_600_000));
	});
	const client = createAuthTokenClient({ baseUrl: `${baseUrl}//` });

	const token = await client.generate('the-key', 'the-secret');

	assert.equal(token, 't1');
	assert.deepEqual(requests, [{ method: 'POST', url: '/token', type: 'application/json',
		body: { key: 'the-key', secret: 'the-secret' } }]);
});

test('issueToken resolves to the whole token response', TEST_TIMEOUT, async () => {
	const issued = tokenResponse('t1', 3_600_000);
	const baseUrl = await stub((request, response) => reply(response, 200, 'application/json', issued));
	const client = createAuthTokenClient({ baseUrl });

	const answer = await client.issueToken('the-key', 'the-secret');

	assert.deepEqual(answer, issued);
});

test('refresh when repeated within grace then same token', TEST_TIMEOUT, async () => {
	const successor = tokenResponse('t2', 3_600_000);
	const requests = [];
	const baseUrl = await stub((request, response, body) => {
		requests.push({ url: request.url, body });
		reply(response, 200, 'application/json', successor);
	});
	const client = createAuthTokenClient({ baseUrl });

	const first = await client.refreshToken('t1');
	const repeat = await client.refreshToken('t1');
	const token = await client.refresh('t1');

	assert.deepEqual(first, successor);
	assert.deepEqual(repeat, successor);
	assert.equal(token, 't2');
	assert.deepEqual(requests, Array(3).fill({ url: '/token/refresh', body: { token: 't1' } }));
});

test('auto refresh when service unavailable once then retries', TEST_TIMEOUT, async () => {
	let calls = 0;
	const baseUrl = await stub((request, response) => {
		calls += 1;
		if (calls === 1) {
			reply(response, 503, 'application/problem+json', { code: 'service_unavailable', status: 503 });
		}
		else {
			reply(response, 200, 'application/json', tokenResponse('t2', 3_600_000));
		}
	});
	const client = createAuthTokenClient({ baseUrl });

	let handle;
	let next;
	try {
		next = await settleWithin(5_000, (resolve, reject) => {
			handle = client.startAutoRefresh(tokenResponse('t1', 100),
				{ refreshBeforeMs: 0, retryDelayMs: 50, onToken: resolve, onError: reject });
		});
	}
	finally {
		handle?.stop();
	}

	assert.equal(next.token, 't2');
	assert.equal(calls, 2);
});

test('auto refresh when stopped before due then never calls', TEST_TIMEOUT, async () => {
	let calls = 0;
	const baseUrl = await stub((request, response) => {
		calls += 1;
		reply(response, 200, 'application/json', tokenResponse('t2', 3_600_000));
	});
	const client = createAuthTokenClient({ baseUrl });

	const handle = client.startAutoRefresh(tokenResponse('t1', 100), { refreshBeforeMs: 0, onToken() {} });
	handle.stop();
	await new Promise((resolve) => setTimeout(resolve, 300));

	assert.equal(calls, 0);
	assert.equal(handle.current.token, 't1');
});

test('auto refresh when token has no expiresAt then TypeError', TEST_TIMEOUT, () => {
	const client = createAuthTokenClient({ baseUrl: 'http://127.0.0.1:1' });
	const legacy = { token: 'a.b.c', tokenType: 'Bearer', expiresIn: null, expiresAt: null, refreshExpiresAt: null };

	assert.throws(() => client.startAutoRefresh(legacy, { onToken() {} }), TypeError);
});

test('create client when baseUrl missing then TypeError', TEST_TIMEOUT, () => {
	assert.throws(() => createAuthTokenClient({}), TypeError);
	assert.throws(() => createAuthTokenClient({ baseUrl: 'http://x', timeoutMs: 0 }), TypeError);
});
