/**
 * The optional LLM in a real Chromium against the real server, whose OPENAI_BASE_URL points at
 * the scripted OpenAI-compatible server this test runs on loopback: a Known-Unknown question gets
 * an answer written from the related articles, streamed over the widget's event stream, and shown
 * in the widget with its citations as links.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai';
import { startServer, type RunningServer } from '../helpers/server';

const QUESTION = 'can I share a notebook with my team and what about sync';
const ANSWER = 'Open the note and choose Share to invite people [1]. If a change does not appear, sign out and back in [2].';
const STORAGE_KEY = 'knowns:v1:demo';

let fake: FakeOpenAi;
let api: RunningServer;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  fake.setDefault('answer', {
    kind: 'stream',
    chunks: ['Open the note and choose ', 'Share to invite people [1].', ' If a change does not appear, ', 'sign out and back in [2].', '\nSOURCES: 1, 2'],
    chunkDelayMs: 60,
  });
  api = await startServer({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_TIMEOUT_MS: '5000' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await fake?.close();
});

const chatOf = (page: Page) => page.frameLocator('knowns-widget iframe');

describe('optional LLM in the widget', () => {
  test('a streamed, grounded answer appears with its citations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const log = chatOf(page).getByRole('log');
    await log.getByText(/assistant/i).first().waitFor();

    // Listen to the conversation's event stream from inside the frame, as the widget does.
    const frame = page.frames().find((f) => f.url().includes('/widget/frame/'))!;
    await expect.poll(() => frame.evaluate((key) => Boolean(JSON.parse(localStorage.getItem(key) || '{}').token), STORAGE_KEY)).toBe(true);
    await frame.evaluate((key) => {
      const { conversationId, token } = JSON.parse(localStorage.getItem(key)!) as { conversationId: string; token: string };
      const w = window as unknown as { deltas: string[] };
      w.deltas = [];
      const es = new EventSource(`/v1/widget/conversations/${conversationId}/events?token=${encodeURIComponent(token)}`);
      es.addEventListener('delta', (e) => w.deltas.push((JSON.parse((e as MessageEvent).data) as { text: string }).text));
    }, STORAGE_KEY);

    const composer = chatOf(page).getByRole('textbox', { name: 'Message' });
    await composer.fill(QUESTION);
    await composer.press('Enter');

    const first = log.getByRole('link', { name: 'Share a note' });
    await first.waitFor();
    expect(await first.getAttribute('href')).toBe(`${api.url}/help/share-a-note`);
    expect(await log.getByRole('link', { name: 'Fix sync problems' }).getAttribute('href')).toBe(`${api.url}/help/fix-sync-problems`);
    await log.getByText(/Open the note and choose Share to invite people \[1\]\./).waitFor();
    await log.getByRole('group', { name: 'Did this answer your question?' }).waitFor();

    // It arrived in the browser piece by piece before the stored message replaced it.
    const deltas = await frame.evaluate(() => (window as unknown as { deltas: string[] }).deltas);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(ANSWER);
    expect(fake.requests.some((r) => r.purpose === 'answer' && r.body.stream === true)).toBe(true);
    await context.close();
  });
});
