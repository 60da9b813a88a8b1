/**
 * The admin workshop in a real Chromium against the real server (fresh PGlite): the demo admin
 * (whose password the server prints at first start) signs in to the console and
 *  - changes an intent's example questions, replays, sees the changed decision (from → to),
 *    publishes, and a customer asking in the widget gets the new answer;
 *  - edits an article: a new version, the diff shows the change, a restore brings the old text
 *    back as a new version.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage as openPage } from '../helpers/browser';
import { demoAdminLogin, startServer, type RunningServer } from '../helpers/server';

const QUESTION = 'How do I frobnicate the flux capacitor?';
const HOURS_ANSWER = /Our support team is available Monday to Friday/;
const screenshots = fileURLToPath(new URL('../../widget/screenshots/', import.meta.url));

let api: RunningServer;
let browser: Browser;
let admin: { email: string; password: string };

beforeAll(async () => {
  api = await startServer();
  admin = demoAdminLogin(api);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(browser);
  opened.page.on('dialog', (d) => void d.accept());
  return opened;
}

async function signInAsAdmin(page: Page) {
  await page.goto(`${api.url}/console`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Admin' }).click();
}

/** A customer asks in the widget on the demo page; returns the chat frame. */
async function askInWidget(page: Page, text: string): Promise<FrameLocator> {
  await page.goto(`${api.url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const chat = page.frameLocator('knowns-widget iframe');
  const composer = chat.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  return chat;
}

describe('admin workshop', () => {
  test('an intent example change is replayed, published, and changes the widget answer at once', async () => {
    // Before: the customer's question is not one the bot knows (asked through the widget API).
    const start = await fetch(`${api.url}/v1/widget/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteKey: 'demo' }) });
    const { conversationId, token } = (await start.json()) as { conversationId: string; token: string };
    const before = await fetch(`${api.url}/v1/widget/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientMessageId: crypto.randomUUID(), text: QUESTION }),
    });
    const { replies } = (await before.json()) as { replies: { text: string }[] };
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((r) => r.text).join(' ')).not.toMatch(HOURS_ANSWER);

    const { context, page } = await newPage();
    await signInAsAdmin(page);
    await page.getByRole('link', { name: 'Intents' }).click();
    await page.getByRole('link', { name: 'business_hours' }).click();
    const examples = page.getByLabel('Example questions (one per line)');
    await examples.fill(`${await examples.inputValue()}\n${QUESTION}\nfrobnicate the flux capacitor\nflux capacitor frobnication`);
    await page.getByRole('button', { name: 'Save intent' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as a draft' }).waitFor();

    // Try it: live and draft side by side.
    await page.getByRole('link', { name: 'Try it, replay, publish' }).click();
    await page.getByLabel('Question').first().fill(QUESTION);
    await page.getByRole('button', { name: 'Try it' }).click();
    await expect.poll(() => page.getByTestId('try-draft').textContent()).toContain('answer: business_hours');
    expect(await page.getByTestId('try-live').textContent()).not.toContain('answer: business_hours');

    // Replay: the customer's question would now be answered differently.
    await page.getByLabel('Customer questions of the last … days').fill('7');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const row = page.getByTestId('replay').getByRole('row').filter({ hasText: QUESTION });
    await row.waitFor();
    expect(await row.locator('td.to').textContent()).toContain('answer: business_hours');
    expect(await row.locator('td.from').textContent()).not.toContain('business_hours');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}admin-replay.png`, fullPage: false });

    // Publish: the widget answers with the new intent at once.
    await page.getByLabel('Note').fill('frobnication is about business hours now');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /Published #\d+/ }).waitFor();
    await context.close();

    const again = await newPage();
    const chat = await askInWidget(again.page, QUESTION);
    await chat.getByText(HOURS_ANSWER).waitFor();
    await again.context.close();
  });

  test('an article edit is a new version; the diff shows it; a restore brings the old text back', async () => {
    const { context, page } = await newPage();
    await signInAsAdmin(page);
    await page.getByLabel('Search articles').fill('offline');
    await page.getByRole('link', { name: /Use Lumen Notes offline|offline/i }).first().click();
    const body = page.getByLabel('Body (Markdown)');
    await body.waitFor();
    await expect.poll(() => body.inputValue()).not.toBe('');
    const original = await body.inputValue();
    // The version this edit starts from (1 on a fresh server; more if a retry of this test runs).
    const latest = Number(/Latest version (\d+)/.exec((await page.getByText(/Latest version \d+/).textContent()) ?? '')?.[1]);
    expect(latest).toBeGreaterThanOrEqual(1);
    await body.fill(`${original}\n\nNew paragraph: offline edits sync within a minute.`);
    // Live preview, rendered by the server.
    await expect.poll(() => page.getByTestId('preview').textContent()).toContain('offline edits sync within a minute');
    await page.getByLabel('Note for this version').fill('Sync timing');
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByRole('status').filter({ hasText: `Saved as version ${latest + 1}` }).waitFor();

    // History and diff (v1 → v2 is preselected).
    await page.getByRole('cell', { name: 'Sync timing' }).waitFor();
    await expect.poll(() => page.getByTestId('diff').locator('.add').allTextContents()).toContain('+ New paragraph: offline edits sync within a minute.');

    // Restore the version the edit started from: a new version with the original text.
    await page.getByRole('button', { name: `Restore v${latest}` }).click();
    await page.getByRole('status').filter({ hasText: `Version ${latest} restored as version ${latest + 2}` }).waitFor();
    await expect.poll(() => body.inputValue()).toBe(original);
    await context.close();
  });
});
