// Loads the JavaScript client into a page on another origin, as a browser app would, so
// that Chromium enforces CORS. The allowed origin may use the token endpoints but not the
// admin API, and a page on an origin not allowed cannot even load the module.
// Run with: node --test --test-force-exit e2e/cross-origin.mjs, against a service started with
// AUTHTOKEN_CORS_ALLOWEDORIGINS=$E2E_APP_ORIGIN (the README shows how).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { adminToken, baseUrl, HOOK_TIMEOUT, launchChromium, requireService, TEST_TIMEOUT } from './browser.mjs';

const appOrigin = process.env.E2E_APP_ORIGIN;

/**
 * Serves a page that imports the client from the service and marks itself ready. Its
 * client's calls time out well within a test's timeout.
 */
function appPage() {
	return `<!doctype html>
<title>loading</title>
<script type="module">
	import { createAuthTokenClient } from '${baseUrl}/authtoken-client.js';
	window.client = createAuthTokenClient({ baseUrl: '${baseUrl}', timeoutMs: 5000 });
	document.title = 'ready';
</script>`;
}

async function serveApp(host, port) {
	const server = createServer((request, response) => {
		response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		response.end(appPage());
	});
	await new Promise((resolve) => server.listen(port, host, resolve));
	return server;
}

async function createCredential() {
	const response = await fetch(`${baseUrl}/admin/credentials`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ name: 'cross-origin-e2e' }),
		signal: AbortSignal.timeout(5_000),
	});
	assert.equal(response.status, 201);
	return response.json();
}

describe('a page on another origin', { timeout: 60_000 }, () => {
	let browser;
	let page;
	const servers = [];

	before(async () => {
		requireService();
		if (!appOrigin) {
			throw new Error('Set E2E_APP_ORIGIN to an origin in the service\'s authtoken.cors.allowed-origins, '
				+ 'such as http://127.0.0.1:28099');
		}
		const { hostname, port } = new URL(appOrigin);
		servers.push(await serveApp(hostname, Number(port)));
		browser = await launchChromium();
		page = browser.context.pages()[0] ?? await browser.context.newPage();
	}, HOOK_TIMEOUT);

	after(async () => {
		try {
			await browser?.close();
		}
		finally {
			for (const server of servers) {
				server.closeAllConnections();
				server.close();
			}
		}
	}, HOOK_TIMEOUT);

	test('loads the client module from the service when its origin is allowed', TEST_TIMEOUT, async () => {
		await page.goto(`${appOrigin}/`);

		await page.waitForFunction(() => document.title === 'ready', null, { timeout: 15_000 });
	});

	test('generates and refreshes a token', TEST_TIMEOUT, async () => {
		const { key, secret } = await createCredential();

		const result = await page.evaluate(async ([key, secret]) => {
			const token = await window.client.generate(key, secret);
			const refreshed = await window.client.refreshToken(token);
			return { token, refreshed };
		}, [key, secret]);

		assert.equal(result.token.split('.').length, 3);
		assert.notEqual(result.refreshed.token, result.token);
		assert.equal(result.refreshed.tokenType, 'Bearer');
	});

	test('reads the problem detail of a wrong secret', TEST_TIMEOUT, async () => {
		const { key } = await createCredential();

		const error = await page.evaluate(async (key) => {
			try {
				await window.client.generate(key, 'not-the-secret-of-this-credential');
				return null;
			}
			catch (e) {
				return { name: e.name, code: e.code, status: e.status };
			}
		}, key);

		assert.deepEqual(error, { name: 'AuthTokenError', code: 'invalid_credentials', status: 401 });
	});

	test('cannot call the admin API, even with the admin token', TEST_TIMEOUT, async () => {
		const outcome = await page.evaluate(async ([baseUrl, adminToken]) => {
			try {
				const response = await fetch(`${baseUrl}/admin/credentials`,
					{ headers: { Authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(5000) });
				return `answered ${response.status}`;
			}
			catch (e) {
				return e.name;
			}
		}, [baseUrl, adminToken]);

		assert.equal(outcome, 'TypeError');
	});

	test('cannot load the module when its origin is not allowed', TEST_TIMEOUT, async () => {
		const other = await serveApp('127.0.0.1', 0);
		servers.push(other);
		const errors = [];
		page.on('console', (message) => {
			if (message.type() === 'error') {
				errors.push(message.text());
			}
		});

		await page.goto(`http://127.0.0.1:${other.address().port}/`);
		await page.waitForTimeout(1_000);

		assert.equal(await page.title(), 'loading');
		assert.equal(await page.evaluate(() => typeof window.client), 'undefined');
		assert.ok(errors.some((text) => /CORS/.test(text)), `no CORS error in the console: ${errors}`);
	});
});
