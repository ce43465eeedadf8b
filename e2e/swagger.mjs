// Drives Swagger UI in Chromium as a person would: authorize with the admin token,
// register a credential, get a token and refresh it, each through "Try it out".
// Run with: node --test --test-force-exit e2e/swagger.mjs, against a service started with
// AUTHTOKEN_REFRESH_REUSEGRACE=PT0S (the README lists the variables to set).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { adminToken, baseUrl, HOOK_TIMEOUT, launchChromium, requireService, screenshotDir, TEST_TIMEOUT, waitForText }
	from './browser.mjs';

describe('Swagger UI', { timeout: 60_000 }, () => {
	let browser;
	let page;
	const credential = { name: 'swagger-e2e', key: `swagger-e2e-${Date.now()}`,
		secret: 'a-secret-typed-into-swagger-ui-0123456789' };
	let token;
	let previousStepPassed = true;

	before(async () => {
		requireService();
		browser = await launchChromium();
		page = browser.context.pages()[0] ?? await browser.context.newPage();
	}, HOOK_TIMEOUT);

	after(async () => {
		await browser?.close();
	}, HOOK_TIMEOUT);

	/**
	 * Declares a test that builds on the ones before it, and so is skipped once one of
	 * them failed or timed out, instead of running into its own timeout.
	 */
	function step(name, fn) {
		test(name, TEST_TIMEOUT, async (t) => {
			if (!previousStepPassed) {
				t.skip('an earlier step failed');
				return;
			}
			previousStepPassed = false;
			await fn();
			previousStepPassed = true;
		});
	}

	function operation(method, path) {
		return page.locator(`.opblock.opblock-${method}`,
			{ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
	}

	function lockIcon(method, path, state) {
		return operation(method, path).locator(`button.authorization__btn[aria-label="authorization button ${state}"]`);
	}

	/** Sends a request body through "Try it out" and returns what the page shows. */
	async function execute(block, body) {
		if (!(await block.locator('.opblock-body').isVisible())) {
			await block.locator('.opblock-summary').click();
		}
		const tryOut = block.locator('button.try-out__btn', { hasText: 'Try it out' });
		if ((await tryOut.count()) > 0) {
			await tryOut.click();
		}
		await block.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
		// Clears the previous response, so that the status read below is the new one.
		const clear = block.locator('button.btn-clear');
		if ((await clear.count()) > 0) {
			await clear.click();
			await block.locator('.live-responses-table').waitFor({ state: 'detached' });
		}
		await block.locator('button.execute').click();
		const live = block.locator('.live-responses-table tbody .response');
		const status = await waitForText(live.locator('.response-col_status'), /^\d{3}/);
		const responseBody = await live.locator('.response-col_description pre').first().innerText();
		const curl = await block.locator('.curl-command').innerText();
		// Swagger UI lists here any $ref in the OpenAPI description that it cannot resolve.
		assert.equal(await page.locator('.errors-wrapper').count(), 0, 'Swagger UI shows errors');
		return { status: Number.parseInt(status, 10), json: JSON.parse(responseBody), curl };
	}

	step('page lists the token and admin endpoints', async () => {
		await page.goto(`${baseUrl}/swagger-ui/index.html`);

		await waitForText(page.locator('.swagger-ui .info .title'), /authtoken-service/);
		assert.equal(await operation('post', '/token').count(), 1);
		assert.equal(await operation('post', '/token/refresh').count(), 1);
		assert.equal(await operation('post', '/admin/credentials').count(), 1);
		assert.equal(await lockIcon('post', '/admin/credentials', 'unlocked').count(), 1);
	});

	step('authorize with the admin token', async () => {
		await page.locator('button.authorize').click();
		const modal = page.locator('.modal-ux');
		await waitForText(modal.locator('h4'), /adminToken.*Bearer/);

		await modal.locator('#auth-bearer-value').fill(adminToken);
		await modal.locator('button.modal-btn.authorize').click();

		await waitForText(modal.locator('.auth-container'), /Authorized/);
		assert.equal(await modal.locator('button.modal-btn', { hasText: 'Logout' }).count(), 1);
		await modal.locator('button.btn-done').click();
		await waitForText(page.locator('button.authorize'), /Authorize/);
		assert.equal(await lockIcon('post', '/admin/credentials', 'locked').count(), 1);
	});

	step('register a credential', async () => {
		const block = operation('post', '/admin/credentials');

		const { status, json, curl } = await execute(block, credential);

		assert.equal(status, 201);
		assert.equal(json.key, credential.key);
		assert.equal(json.secret, credential.secret);
		assert.equal(json.status, 'active');
		assert.match(curl, /Authorization: Bearer/);
	});

	step('get a token for the credential', async () => {
		const block = operation('post', '/token');

		const { status, json, curl } = await execute(block, { key: credential.key, secret: credential.secret });

		assert.equal(status, 200);
		assert.equal(json.tokenType, 'Bearer');
		assert.equal(json.token.split('.').length, 3);
		assert.doesNotMatch(curl, /Authorization/);
		token = json.token;
	});

	step('refresh the token, once', async () => {
		const block = operation('post', '/token/refresh');

		const first = await execute(block, { token });
		assert.equal(first.status, 200);
		assert.notEqual(first.json.token, token);
		await mkdir(screenshotDir, { recursive: true });
		await block.screenshot({ path: join(screenshotDir, 'swagger-refresh.png') });

		// The service runs with AUTHTOKEN_REFRESH_REUSEGRACE=PT0S. With the default of 30 s,
		// this repeat would get the same new token instead.
		const second = await execute(block, { token });
		assert.equal(second.status, 401);
		assert.equal(second.json.code, 'token_reused');
	});
});
