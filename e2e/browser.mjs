// Shared set-up of the browser tests: settings from the environment and Debian's
// Chromium, launched so that it makes no connection of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const baseUrl = process.env.AUTHTOKEN_BASE_URL;
export const adminToken = process.env.AUTHTOKEN_ADMIN_TOKEN;

/** Folder for screenshots, under Maven's target folder so that git ignores it. */
export const screenshotDir = fileURLToPath(new URL('../target/e2e/', import.meta.url));

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long a Playwright action or navigation may take, shorter than a test's timeout. */
const ACTION_TIMEOUT_MS = 10_000;

/** How long Chromium may take to start, shorter than a hook's timeout. */
const LAUNCH_TIMEOUT_MS = 20_000;

/** Per-test options: a test that takes longer fails instead of hanging the run. */
export const TEST_TIMEOUT = { timeout: 20_000 };

/** Options for a before or after hook, which may start or stop Chromium. */
export const HOOK_TIMEOUT = { timeout: 30_000 };

// Without the networking flags Chromium opens connections of its own at start, for
// updates and sync, which fail on a machine without outside network.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function requireService() {
	if (!baseUrl || !adminToken) {
		throw new Error('Set AUTHTOKEN_BASE_URL and AUTHTOKEN_ADMIN_TOKEN to a running service, '
			+ 'such as AUTHTOKEN_BASE_URL=http://127.0.0.1:8080');
	}
}

/**
 * Starts Chromium with a new, empty profile and returns its browser context and a close
 * function that also deletes the profile. Actions and navigations in the context time
 * out after ACTION_TIMEOUT_MS unless they set their own, but page.evaluate never does.
 */
export async function launchChromium() {
	const profile = await mkdtemp(join(tmpdir(), 'authtoken-e2e-'));
	let context;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1280, height: 900 },
			timeout: LAUNCH_TIMEOUT_MS,
		});
	}
	catch (error) {
		await rm(profile, { recursive: true, force: true });
		throw error;
	}
	context.setDefaultTimeout(ACTION_TIMEOUT_MS);
	async function close() {
		try {
			await context.close();
		}
		finally {
			await rm(profile, { recursive: true, force: true });
		}
	}
	return { context, close };
}

/** Waits until the locator's text matches, and returns the text. */
export async function waitForText(locator, pattern, timeout = 15_000) {
	const deadline = Date.now() + timeout;
	let text = '';
	while (Date.now() < deadline) {
		text = (await locator.count()) > 0 ? await locator.first().innerText() : '';
		if (pattern.test(text)) {
			return text;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`Timed out waiting for ${pattern}; the page shows: ${JSON.stringify(text.slice(0, 500))}`);
}
