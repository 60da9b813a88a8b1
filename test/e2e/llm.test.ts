/**
 * The optional LLM in a real Chromium against the real server, whose OPENAI_BASE_URL points at
 * the scripted OpenAI-compatible server this test runs on loopback: a Known-Unknown question gets
 * an answer written from the related articles, streamed over the widget's event stream, and shown
 * in the widget with its citations as links. While it is written, one busy bubble grows piece by
 * piece (the fake holds the stream open so the test can look); the stored message, or the
 * deterministic fallback when the stream breaks, takes its place.
 */
import type { Browser, Frame, Page } from 'playwright-core';
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

/** A promise the test settles when it has seen what it wanted: the fake stream waits on it. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Opens the chat on a fresh visitor, asks QUESTION, and gives the log and the frame. */
async function ask() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${api.url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const log = chatOf(page).getByRole('log');
  await log.getByText(/assistant/i).first().waitFor();
  const composer = chatOf(page).getByRole('textbox', { name: 'Message' });
  await composer.fill(QUESTION);
  await composer.press('Enter');
  const frame = page.frames().find((f) => f.url().includes('/widget/frame/'))!;
  return { context, page, log, frame };
}

/** The ids of the messages the widget has stored (the stored conversation, not what is on screen). */
const storedIds = (frame: Frame) =>
  frame.evaluate((key) => (JSON.parse(localStorage.getItem(key) || '{}') as { messages?: { id: string }[] }).messages?.map((m) => m.id) ?? [], STORAGE_KEY);

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

  test('the reply grows in one busy bubble while it is written, then the stored message replaces it', async () => {
    const held = gate();
    fake.script('answer', {
      kind: 'stream',
      chunks: ['Open the note and choose ', 'Share to invite people [1].', ' If a change does not appear, ', 'sign out and back in [2].', '\nSOURCES: 1, 2'],
      pauseAfter: 2,
      resume: held.promise,
    });
    const { context, page, log, frame } = await ask();
    try {
      // Two pieces are out and the model is still writing: a prefix shows, nothing is stored yet.
      const draft = log.locator('.msg.bot[aria-busy="true"]');
      await draft.getByText('Open the note and choose Share to invite people [1].').waitFor();
      const id = await draft.getAttribute('data-id');
      expect(id).toBeTruthy();
      expect(await draft.textContent()).not.toContain('sign out');
      expect(await draft.count()).toBe(1);
      expect(await storedIds(frame)).not.toContain(id);
      // The indicator stopped once the reply began, and the question no longer says "Sending…";
      // no feedback or links before the message is stored.
      expect(await chatOf(page).locator('.typing').textContent()).toBe('');
      expect(await log.getByText(QUESTION).count()).toBe(1);
      expect(await log.getByText('Sending…').count()).toBe(0);
      expect(await log.getByRole('group', { name: 'Did this answer your question?' }).count()).toBe(0);
      expect(await log.getByRole('link', { name: 'Share a note' }).count()).toBe(0);

      held.open();
      // The rest arrives; the stored message (same id) takes the bubble's place, with its citations.
      const final = log.locator(`.msg.bot[data-id="${id}"]:not([aria-busy])`);
      await final.getByRole('link', { name: 'Share a note' }).waitFor();
      expect(await final.textContent()).toContain('sign out and back in [2].');
      await final.getByRole('group', { name: 'Did this answer your question?' }).waitFor();
      expect(await log.locator('[aria-busy="true"]').count()).toBe(0);
      expect(await log.locator(`[data-id="${id}"]`).count()).toBe(1);
      expect(await storedIds(frame)).toContain(id);
    } finally {
      held.open();
      await context.close();
    }
  });

  test('a stream broken half-way ends with the fallback reply and no partial bubble left', async () => {
    const held = gate();
    fake.script('answer', {
      kind: 'stream',
      chunks: ['Open the note and choose ', 'Share to invite people [1].', ' If a change does not appear, ', 'sign out and back in [2].', '\nSOURCES: 1, 2'],
      pauseAfter: 2,
      resume: held.promise,
      breakAfter: 2,
    });
    const { context, log, frame } = await ask();
    try {
      const draft = log.locator('.msg.bot[aria-busy="true"]');
      await draft.getByText('Open the note and choose Share to invite people [1].').waitFor();
      const id = await draft.getAttribute('data-id');
      expect(id).toBeTruthy();

      held.open(); // the connection drops now
      // The engine's own reply, stored under the same id, replaces what was shown.
      const final = log.locator(`.msg.bot[data-id="${id}"]:not([aria-busy])`);
      await final.waitFor();
      await final.getByText('Did you mean one of these?').waitFor();
      expect(await log.locator(`[data-id="${id}"]`).count()).toBe(1);
      expect(await storedIds(frame)).toContain(id);
      expect(await final.textContent()).not.toContain('Open the note and choose Share to invite people [1].');
      expect(await log.locator('[aria-busy="true"]').count()).toBe(0);
      expect(await log.getByText('Open the note and choose Share to invite people [1].').count()).toBe(0);
    } finally {
      held.open();
      await context.close();
    }
  });
});
