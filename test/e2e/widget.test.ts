/**
 * The customer widget in a real Chromium against the real server (fresh PGlite per run).
 *
 * Host pages: the server's own demo page (same origin as the API), and pages served by a second
 * tiny HTTP server on another port, whose origin is in the demo site's allowed origins
 * (EXTRA_ALLOWED_ORIGINS), plus a third one whose origin is not.
 *
 * The widget is used the way a customer would: by role and label, with the keyboard where it
 * matters. The server's side of each story is checked through the public API with the
 * conversation's own token (read from the frame's localStorage).
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage as openPage } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import type { WireMessage } from '../../api/domain/conversations/wire';

const QUESTION = 'How do I reset my password?';
const ARTICLE = /Reset your password/;
const STORAGE_KEY = 'knowns:v1:demo';
const screenshots = fileURLToPath(new URL('../../widget/screenshots/', import.meta.url));

let api: RunningServer;
let browser: Browser;
let allowedHost: HostServer;
let foreignHost: HostServer;

// ── host pages on other origins ──

interface HostServer {
  origin: string;
  close(): Promise<void>;
}

/** A static site on a free port: `pages` maps a path to the HTML it returns (read per request). */
async function startHost(pages: Record<string, () => string>): Promise<HostServer> {
  const server: Server = createServer((req, res) => {
    const page = pages[(req.url || '/').split('?')[0]] as (() => string) | undefined;
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ? page() : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const STUB = `<script>window.Knowns=window.Knowns||function(){(Knowns.q=Knowns.q||[]).push(arguments)}</script>`;

const hostPage = (opts: { lang?: string; head?: string; body?: string; calls?: string } = {}) => () => `<!doctype html>
<html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8"><title>Host</title>
${opts.head ?? ''}
${STUB}
${opts.calls ? `<script>${opts.calls}</script>` : ''}
<script async src="${api.url}/widget.js" data-site-key="demo"></script>
</head><body><h1>A customer's site</h1><p><a href="#top">A link</a> <button type="button">A button</button></p>
${opts.body ?? ''}</body></html>`;

// `* { all: unset !important }`, giant !important fonts, transforms that break position:fixed, and
// a full-viewport overlay at the maximum z-index that catches every click.
const HOSTILE_CSS = `<style>
* { all: unset !important; }
html, body, div, button, iframe, span, knowns-widget { font-size: 64px !important; line-height: 4 !important; }
html { font-size: 40px !important; }
body { display: block !important; transform: translateZ(0) scale(0.9) !important; overflow: hidden !important; }
button, iframe { display: none !important; width: 0 !important; height: 0 !important; }
body > * { position: static !important; z-index: -1 !important; opacity: 0.5 !important; }
#overlay { all: initial !important; display: block !important; position: fixed !important; inset: 0 !important;
  z-index: 2147483647 !important; background: rgba(255, 0, 0, 0.15) !important; }
</style>`;

beforeAll(async () => {
  // The allowed host must exist before the API starts: its origin goes into EXTRA_ALLOWED_ORIGINS.
  allowedHost = await startHost({
    '/': hostPage(),
    '/queued': hostPage({ calls: `Knowns('identify', { email: 'ada@example.com', name: 'Ada Lovelace' }); Knowns('open');` }),
    '/hostile': hostPage({ head: HOSTILE_CSS, body: '<div id="overlay"></div>' }),
    '/fr': hostPage({ lang: 'fr-FR' }),
    '/bare': () => '<!doctype html><html lang="en"><head><title>Bare</title></head><body><p>No widget yet.</p></body></html>',
  });
  foreignHost = await startHost({ '/': hostPage() });
  api = await startServer({ EXTRA_ALLOWED_ORIGINS: allowedHost.origin });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await allowedHost?.close();
  await foreignHost?.close();
});

// ── helpers ──

const newPage = (options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, { viewport: { width: 1280, height: 800 }, ...options });

const launcherOf = (page: Page) => page.getByRole('button', { name: 'Open chat' });
const chatOf = (page: Page): FrameLocator => page.frameLocator('knowns-widget iframe');
const composerOf = (page: Page) => chatOf(page).getByRole('textbox', { name: 'Message' });
const logOf = (page: Page) => chatOf(page).getByRole('log');

/** Whether `el` is where keyboard input goes: focused in its document, and that document has focus. */
const isFocused = (el: Locator) =>
  el.evaluate((node) => {
    const root = node.getRootNode() as Document | ShadowRoot;
    return root.activeElement === node && node.ownerDocument.hasFocus();
  });

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  await expect.poll(check, { timeout, message: what }).toBe(true);
}

async function ask(page: Page, text: string): Promise<void> {
  const composer = composerOf(page);
  await composer.fill(text);
  await composer.press('Enter');
}

/** The conversation as the frame stored it (id, token, outbox…). */
async function stored(page: Page): Promise<{ conversationId?: string; token?: string; outbox: unknown[] }> {
  const frame = page.frames().find((f) => f.url().includes('/widget/frame/'));
  if (!frame) throw new Error('no chat frame');
  return frame.evaluate((key) => JSON.parse(localStorage.getItem(key) || '{"outbox":[]}'), STORAGE_KEY);
}

async function serverMessages(page: Page): Promise<{ messages: WireMessage[]; ticket: { number: number } | null }> {
  const { conversationId, token } = await stored(page);
  const res = await fetch(`${api.url}/v1/widget/conversations/${conversationId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { messages: WireMessage[]; ticket: { number: number } | null };
}

// ── the stories ──

describe('customer widget', () => {
  test('keyboard only: Tab to the launcher, Enter, ask, get the article; Escape closes and focus returns', async () => {
    const { context, page } = await newPage();
    await page.goto(`${api.url}/`);
    const launcher = launcherOf(page);
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    // Nothing is loaded until the visitor shows intent.
    expect(await page.locator('knowns-widget iframe').count()).toBe(0);

    let tabs = 0;
    while (!(await isFocused(launcher))) {
      expect(++tabs, 'the launcher is reachable with Tab').toBeLessThan(30);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');

    const composer = composerOf(page);
    await composer.waitFor();
    await waitFor(() => isFocused(composer), 'focus lands in the composer');
    expect(await page.getByRole('button', { name: 'Close chat' }).getAttribute('aria-expanded')).toBe('true');

    const log = logOf(page);
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await log.getByText(/assistant/i).first().waitFor(); // the site's greeting

    // Shift+Enter is a new line, not a send.
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await composer.inputValue()).toBe('first line\nsecond line');
    await composer.fill('');

    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    expect(await composer.inputValue()).toBe('');
    const article = log.getByRole('link', { name: ARTICLE });
    await article.waitFor();
    expect(await article.getAttribute('href')).toBe(`${api.url}/help/reset-your-password`);
    expect(await article.getAttribute('target')).toBe('_blank');
    expect(await article.getAttribute('rel')).toContain('noopener');
    await log.getByRole('group', { name: 'Did this answer your question?' }).waitFor();
    await log.getByText(QUESTION, { exact: true }).waitFor();

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}chat.png` });

    // Escape inside the frame closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    await waitFor(() => isFocused(launcherOf(page)), 'focus is back on the launcher');
    expect(await launcherOf(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('knowns-widget iframe').isVisible()).toBe(false);

    // Enter again: the same conversation, focus in the composer again.
    await page.keyboard.press('Enter');
    await waitFor(() => isFocused(composerOf(page)), 'focus lands in the composer on reopen');
    await logOf(page).getByRole('link', { name: ARTICLE }).waitFor();
    await context.close();
  }, 90_000);

  test('cross-origin host: queued calls run, No twice leads to the contact form, a ticket number is shown', async () => {
    const { context, page } = await newPage();
    const created: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/widget/conversations')) created.push(r.url());
    });
    // The page calls identify and open through the stub before widget.js has loaded.
    await page.goto(`${allowedHost.origin}/queued`);
    const frameEl = page.locator('knowns-widget iframe');
    await frameEl.waitFor();
    const src = new URL((await frameEl.getAttribute('src'))!);
    expect(src.origin).toBe(api.url);
    expect(src.pathname).toBe('/widget/frame/demo');
    expect(src.searchParams.get('origin')).toBe(allowedHost.origin);
    expect(src.searchParams.get('lang')).toBe('en');
    await waitFor(() => isFocused(composerOf(page)), 'the queued open focused the composer');

    // A message that does not come from the frame is ignored by the loader.
    await page.evaluate(() => window.postMessage({ ns: 'knowns', type: 'close' }, '*'));
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'Close chat' }).getAttribute('aria-expanded')).toBe('true');

    const log = logOf(page);
    await ask(page, QUESTION);
    await log.getByRole('link', { name: ARTICLE }).waitFor();
    await log.getByRole('button', { name: 'No', exact: true }).click();
    await log.getByText(/rephrase|more/i).waitFor();
    // Focus did not get lost when the Yes/No buttons went away.
    await waitFor(() => isFocused(composerOf(page)), 'focus moved to the composer after feedback');

    // After a "No", a close paraphrase gets "did you mean…" chips; a chip sends its intent.
    const sent: { text: string; intentId?: string }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/messages')) sent.push(r.postDataJSON() as { text: string; intentId?: string });
    });
    await ask(page, 'I forgot my password and cannot log in');
    const chips = log.getByRole('group', { name: 'Did you mean:' });
    const chip = chips.getByRole('button', { name: ARTICLE });
    await chip.waitFor();
    await chip.click();
    await waitFor(async () => (await log.getByRole('link', { name: ARTICLE }).count()) === 2, 'the chosen answer arrives');
    expect(await chips.count()).toBe(0); // chips only on the latest message
    expect(sent.at(-1)?.intentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.at(-1)?.text).toMatch(ARTICLE);

    const no = log.getByRole('button', { name: 'No', exact: true });
    await no.waitFor();
    await no.click();

    const chat = chatOf(page);
    const name = chat.getByLabel('Name');
    const email = chat.getByLabel('Email');
    await email.waitFor();
    await waitFor(() => isFocused(name), 'focus moved to the contact form');
    // identify() prefilled it.
    expect(await name.inputValue()).toBe('Ada Lovelace');
    expect(await email.inputValue()).toBe('ada@example.com');
    await chat.getByText(/agree/i).waitFor(); // the consent line

    await email.fill('not an email');
    await email.press('Enter');
    await chat.getByText(/valid email/i).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => isFocused(email), 'focus on the invalid field');

    await email.fill('ada@example.com');
    await email.press('Enter');
    const ticket = log.getByText(/^#\d+$/);
    await ticket.waitFor();
    const shown = Number((await ticket.innerText()).match(/#(\d+)/)![1]);

    const server = await serverMessages(page);
    expect(server.ticket?.number).toBe(shown);
    expect(created).toHaveLength(1); // one conversation for the whole story
    await context.close();
  }, 90_000);

  test('the conversation survives a reload and is shared with another tab of the site', async () => {
    const { context, page } = await newPage();
    await page.goto(`${api.url}/`);
    await launcherOf(page).click();
    await ask(page, QUESTION);
    await logOf(page).getByRole('link', { name: ARTICLE }).waitFor();
    const before = await stored(page);

    await page.reload();
    await launcherOf(page).click();
    await logOf(page).getByText(QUESTION, { exact: true }).waitFor();
    await logOf(page).getByRole('link', { name: ARTICLE }).waitFor();
    expect((await stored(page)).conversationId).toBe(before.conversationId);

    // A second tab opens on the same conversation, and sees what the first tab says next.
    const other = await context.newPage();
    await other.goto(`${api.url}/`);
    await launcherOf(other).click();
    await logOf(other).getByText(QUESTION, { exact: true }).waitFor();
    expect((await stored(other)).conversationId).toBe(before.conversationId);
    await ask(page, 'Can I get a refund?');
    await logOf(other).getByText('Can I get a refund?', { exact: true }).waitFor();
    await context.close();
  }, 90_000);

  test('offline: the message is kept, shown pending, and delivered once when the network returns', async () => {
    const { context, page } = await newPage();
    await page.goto(`${api.url}/`);
    await launcherOf(page).click();
    await logOf(page).getByText(/assistant/i).first().waitFor(); // conversation created

    await context.setOffline(true);
    const text = 'Is there a mobile app? (sent offline)';
    await ask(page, text);
    const log = logOf(page);
    await log.getByText(text, { exact: true }).waitFor();
    await chatOf(page).getByText(/offline/i).first().waitFor();
    await page.waitForTimeout(2500); // a few failed attempts
    expect((await stored(page)).outbox).toHaveLength(1); // persisted, not lost

    await context.setOffline(false);
    await waitFor(async () => (await stored(page)).outbox.length === 0, 'the outbox drains', 20_000);
    await waitFor(async () => (await log.locator('.pending').count()) === 0, 'nothing left pending');
    expect(await log.getByText(text, { exact: true }).count()).toBe(1);

    const server = await serverMessages(page);
    const copies = server.messages.filter((m) => m.role === 'customer' && m.text === text);
    expect(copies).toHaveLength(1);
    // And the bot answered it.
    expect(server.messages.findIndex((m) => m.role === 'bot' && m.seq > copies[0].seq)).toBeGreaterThan(-1);
    await context.close();
  }, 90_000);

  test('server errors: 503 and a lost response are retried with the same id, stored once', async () => {
    const { context, page } = await newPage();
    await page.goto(`${api.url}/`);
    await launcherOf(page).click();
    await logOf(page).getByText(/assistant/i).first().waitFor();

    // First attempt: 503. Second: reaches the server but the response is lost. Third: through.
    const ids: string[] = [];
    let attempt = 0;
    await context.route('**/v1/widget/conversations/*/messages', async (route) => {
      ids.push((route.request().postDataJSON() as { clientMessageId: string }).clientMessageId);
      attempt++;
      if (attempt === 1) {
        await route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
          body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'unavailable' }),
        });
      } else if (attempt === 2) {
        await route.fetch(); // stored on the server…
        await route.abort('connectionreset'); // …but the answer never arrives
      } else await route.continue();
    });

    const text = 'Do you have a student discount?';
    await ask(page, text);
    await logOf(page).getByText(text, { exact: true }).waitFor();
    await waitFor(async () => (await stored(page)).outbox.length === 0, 'delivered after retries', 30_000);
    // The second attempt was stored, so delivery is confirmed by that attempt's retry or by the
    // event stream echoing the stored message, whichever comes first.
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(1); // every retry carried the same client id
    expect(await logOf(page).getByText(text, { exact: true }).count()).toBe(1);
    const server = await serverMessages(page);
    expect(server.messages.filter((m) => m.text === text)).toHaveLength(1);
    await context.close();
  }, 90_000);

  test('a reply that arrives while the panel is closed shows an unread badge on the launcher', async () => {
    const { context, page } = await newPage();
    await page.goto(`${api.url}/`);
    await launcherOf(page).click();
    await logOf(page).getByText(/assistant/i).first().waitFor();
    // Hold the answer back long enough for the visitor to close the panel.
    await context.route('**/v1/widget/conversations/*/messages', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await ask(page, 'Can I get a refund?');
    await page.keyboard.press('Escape');
    const launcher = page.getByRole('button', { name: 'Open chat (unread messages: 1)' });
    await launcher.waitFor();
    await launcher.click();
    expect(await page.getByRole('button', { name: 'Close chat' }).getAttribute('aria-expanded')).toBe('true');
    await logOf(page).getByText('Can I get a refund?', { exact: true }).waitFor();
    await context.close();
  }, 60_000);

  test('hostile host CSS and a max z-index overlay do not break the widget, and the widget adds nothing but Knowns', async () => {
    const { context, page } = await newPage();
    await page.goto(`${allowedHost.origin}/hostile`);
    const launcher = launcherOf(page);
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    expect(Math.round(box.width)).toBe(56);
    expect(Math.round(box.height)).toBe(56);
    // Bottom-right of the viewport despite the transformed body.
    expect(box.x + box.width).toBeGreaterThan(1280 - 40);
    expect(box.y + box.height).toBeGreaterThan(800 - 40);
    // The launcher, not the overlay, is what a click at its centre hits.
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.tagName.toLowerCase(),
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit).toBe('knowns-widget');

    await launcher.click(); // Playwright refuses if something else would receive the click
    const composer = composerOf(page);
    await waitFor(() => isFocused(composer), 'focus lands in the composer');
    const panel = (await page.locator('knowns-widget iframe').boundingBox())!;
    expect(Math.round(panel.width)).toBe(380);
    expect(panel.height).toBeGreaterThan(400);
    await ask(page, QUESTION);
    await logOf(page).getByRole('link', { name: ARTICLE }).click({ trial: true });
    await page.getByRole('button', { name: 'Close chat' }).click();
    expect(await launcherOf(page).getAttribute('aria-expanded')).toBe('false');
    await context.close();

    // On a page without the widget, loading it adds one element and one global, and no styles.
    const bare = await newPage();
    await bare.page.goto(`${allowedHost.origin}/bare`);
    const before = await bare.page.evaluate(() => ({
      globals: Object.getOwnPropertyNames(window),
      sheets: document.styleSheets.length,
      head: document.head.children.length,
      bodyStyle: getComputedStyle(document.body).cssText || getComputedStyle(document.body).font,
    }));
    await bare.page.evaluate((src) => {
      const s = document.createElement('script');
      s.src = src;
      s.dataset.siteKey = 'demo';
      document.body.appendChild(s);
    }, `${api.url}/widget.js`);
    await launcherOf(bare.page).waitFor();
    const after = await bare.page.evaluate(() => ({
      globals: Object.getOwnPropertyNames(window),
      sheets: document.styleSheets.length,
      head: document.head.children.length,
      bodyStyle: getComputedStyle(document.body).cssText || getComputedStyle(document.body).font,
      added: [...document.body.children].map((e) => e.tagName.toLowerCase()),
    }));
    expect(after.globals.filter((g) => !before.globals.includes(g))).toEqual(['Knowns']);
    expect(after.sheets).toBe(before.sheets);
    expect(after.head).toBe(before.head);
    expect(after.bodyStyle).toBe(before.bodyStyle);
    expect(after.added).toEqual(['p', 'script', 'knowns-widget']);
    await bare.context.close();
  }, 90_000);

  test('a page whose origin is not allowed gets no frame and no conversation', async () => {
    const { context, page } = await newPage();
    const conversations: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/widget/')) conversations.push(r.url());
    });
    await page.goto(`${foreignHost.origin}/`);
    await launcherOf(page).click();
    await page.locator('knowns-widget iframe').waitFor({ state: 'attached' });
    await page.waitForTimeout(2000);
    // frame-ancestors refused the frame: the chat app never ran, so it never called the API.
    expect(await composerOf(page).count()).toBe(0);
    expect(conversations).toEqual([]);

    // And the API itself refuses a conversation for that origin.
    const res = await fetch(`${api.url}/v1/widget/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey: 'demo', origin: foreignHost.origin }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('origin_not_allowed');

    // A frame loaded directly (not framed) by a page that lies about its origin refuses to run.
    const lie = await context.newPage();
    await lie.goto(`${foreignHost.origin}/`);
    await lie.evaluate((url) => {
      const f = document.createElement('iframe');
      f.src = url;
      document.body.appendChild(f);
    }, `${api.url}/widget/frame/demo?origin=${encodeURIComponent(allowedHost.origin)}`);
    await lie.waitForTimeout(1500);
    expect(await lie.frameLocator('body > iframe').getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await context.close();
  }, 60_000);

  test('narrow screens get a full-screen panel with its own close button', async () => {
    const { context, page } = await newPage({ viewport: { width: 375, height: 700 }, reducedMotion: 'reduce' });
    await page.goto(`${api.url}/`);
    await launcherOf(page).click();
    await waitFor(() => isFocused(composerOf(page)), 'focus lands in the composer');
    const panel = (await page.locator('knowns-widget iframe').boundingBox())!;
    expect(panel).toMatchObject({ x: 0, y: 0, width: 375, height: 700 });
    // Reduced motion: no opening animation.
    const animation = await page.evaluate(() => {
      const root = document.querySelector('knowns-widget')!.shadowRoot!;
      return getComputedStyle(root.querySelector('.p')!).animationName;
    });
    expect(animation).toBe('none');

    await chatOf(page).getByRole('button', { name: 'Close chat' }).click();
    await waitFor(() => isFocused(launcherOf(page)), 'focus is back on the launcher');
    expect(await page.locator('knowns-widget iframe').isVisible()).toBe(false);
    await context.close();
  }, 60_000);

  test('French host page: the widget speaks French', async () => {
    const { context, page } = await newPage({ locale: 'en-US' });
    await page.goto(`${allowedHost.origin}/fr`);
    const launcher = page.getByRole('button', { name: 'Ouvrir le chat' });
    await launcher.click();
    const frameSrc = new URL((await page.locator('knowns-widget iframe').getAttribute('src'))!);
    expect(frameSrc.searchParams.get('lang')).toBe('fr-FR');
    const chat = chatOf(page);
    await chat.getByRole('button', { name: 'Fermer le chat' }).waitFor();
    await chat.getByRole('button', { name: 'Envoyer' }).waitFor();
    expect(await chat.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe('Posez votre question…');
    expect(await chat.locator('html').getAttribute('lang')).toBe('fr');
    await context.close();
  }, 60_000);
});
