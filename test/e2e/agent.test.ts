/**
 * The agent workspace in a real Chromium, against the real server (fresh PGlite), with two
 * browser contexts: a customer on the demo page and an agent in the console at /console.
 *
 * The customer asks something the bot cannot answer and leaves an email; the agent (the demo
 * admin, whose password the server prints at first start) signs in, sees the ticket arrive
 * without reloading, cannot solve it before replying, replies with a macro while the customer
 * sees "Support is writing…", and the customer sees the reply at once. The reply email's link
 * (a real SMTP server on loopback) reopens the conversation in another browser, where the customer
 * carries on and reopens the solved ticket. CSRF and cross-role attempts from a signed-in browser fail.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage as openPage } from '../helpers/browser';
import { demoAdminLogin, freePort, startServer, type RunningServer } from '../helpers/server';
import { smtpSink } from '../helpers/smtp';

const screenshots = fileURLToPath(new URL('../../widget/screenshots/', import.meta.url));
const QUESTION = 'What colour socks does your CEO wear on Tuesdays?';

let api: RunningServer;
let browser: Browser;
let admin: { email: string; password: string };
let smtp: ReturnType<typeof smtpSink>;

beforeAll(async () => {
  const port = await freePort();
  smtp = smtpSink(port);
  await smtp.start();
  // Emails go out at once here (no grace period), so the link in them can be followed.
  api = await startServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, EMAIL_DELAY_SECONDS: '0', OUTBOX_POLL_MS: '200' });
  admin = demoAdminLogin(api);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp?.stop();
});

const newPage = () => openPage(browser);

const chatOf = (page: Page): FrameLocator => page.frameLocator('knowns-widget iframe');

async function signInToConsole(page: Page, email: string, password: string) {
  await page.goto(`${api.url}/console`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Inbox/ }).waitFor();
}

/** fetch from inside the signed-in page (its cookies, its origin). */
const fetchIn = (page: Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  page.evaluate(async ([p, i]) => (await fetch(p, { ...i, credentials: 'same-origin' })).status, [path, init] as const);

describe('agent workspace', () => {
  test('a ticket arrives live, cannot be solved before a reply, and the macro reply reaches the customer at once', async () => {
    const agent = await newPage();
    await signInToConsole(agent.page, admin.email, admin.password);
    await agent.page.getByRole('heading', { name: /Inbox/ }).getByText('Live').waitFor();

    // The customer asks something the bot cannot answer and leaves an email.
    const customer = await newPage();
    await customer.page.goto(`${api.url}/`);
    await customer.page.getByRole('button', { name: 'Open chat' }).click();
    const chat = chatOf(customer.page);
    const composer = chat.getByRole('textbox', { name: 'Message' });
    await composer.fill(QUESTION);
    await composer.press('Enter');
    await chat.getByLabel('Name').fill('Grace Hopper');
    const email = chat.getByLabel('Email');
    await email.fill('grace@example.com');
    await email.press('Enter');
    const shown = chat.getByRole('log').getByText(/^#\d+$/);
    await shown.waitFor();
    const number = Number((await shown.innerText()).slice(1));

    // The ticket appears in the agent's inbox without a reload.
    const row = agent.page.getByRole('link', { name: QUESTION });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await agent.page.getByRole('heading', { name: new RegExp(`#${number}`) }).waitFor();
    // Everything the customer said, and what the bot tried.
    await agent.page.getByRole('list', { name: 'Transcript' }).getByText(QUESTION).waitFor();
    await agent.page.getByText(/Bot decision: Unknown/).first().waitFor();
    await agent.page.getByText('grace@example.com', { exact: false }).first().waitFor();

    // Solving before any reply is refused, and the refusal says why.
    await agent.page.getByLabel('Status').selectOption('solved');
    await agent.page.getByRole('button', { name: 'Update status' }).click();
    await agent.page.getByRole('alert').getByText(/Reply to the customer before solving/).waitFor();
    await agent.page.getByLabel('Reason to solve without a reply').waitFor();
    expect(await agent.page.locator('.badge.status-solved').count()).toBe(0);
    await agent.page.getByLabel('Status').selectOption('open');

    // Reply with a macro; the customer sees "Support is writing…" while the agent types.
    await agent.page.getByLabel('Macro').selectOption({ label: 'Greeting' });
    await agent.page.getByRole('button', { name: 'Insert macro' }).click();
    const reply = agent.page.getByRole('textbox', { name: 'Reply' });
    await expect.poll(() => reply.inputValue()).toContain(`ticket #${number}`);
    await reply.press('End');
    await reply.pressSequentially('Our CEO favours argyle.');
    await chat.getByText('Support is writing…').waitFor();
    expect(await reply.inputValue()).toMatch(/^Hi Grace Hopper,/);
    await agent.page.getByRole('button', { name: 'Send reply' }).click();
    await agent.page.getByText('Reply sent.').waitFor();

    // The customer sees it at once, as the support team's message.
    const answer = chat.getByRole('log').getByText(/Our CEO favours argyle\./);
    await answer.waitFor();
    expect(await chat.getByRole('log').innerText()).toContain(`Thanks for getting in touch about ticket #${number}`);

    // Now it can be solved.
    await agent.page.getByLabel('Status').selectOption('solved');
    await agent.page.getByRole('button', { name: 'Update status' }).click();
    await agent.page.locator('h1 + .sub .badge.status-solved').waitFor();

    mkdirSync(screenshots, { recursive: true });
    await agent.page.screenshot({ path: `${screenshots}console.png`, fullPage: false });

    // The reply was also emailed; its link reopens the conversation on another device, where the
    // customer carries on, and their message reopens the solved ticket under the agent's eyes.
    await expect.poll(() => smtp.received.some((m) => m.text.includes('Our CEO favours argyle.')), { timeout: 15_000 }).toBe(true);
    const mail = smtp.received.find((m) => m.text.includes('Our CEO favours argyle.'))!;
    const link = new RegExp(`${api.url.replace(/[.]/g, '\\.')}/c/l1\\.[\\w.-]+`).exec(mail.text)![0];
    const phone = await newPage();
    await phone.page.goto(link);
    const log = phone.page.getByRole('log');
    await log.getByText(/Our CEO favours argyle\./).waitFor();
    await log.getByText(QUESTION).waitFor();
    const phoneComposer = phone.page.getByRole('textbox', { name: 'Message' });
    await phoneComposer.fill('Thanks! And on Wednesdays?');
    await phoneComposer.press('Enter');
    await agent.page.getByRole('list', { name: 'Transcript' }).getByText('Thanks! And on Wednesdays?').waitFor();
    await agent.page.locator('h1 + .sub .badge.status-open').waitFor();
    await phone.context.close();
    await customer.context.close();
    await agent.context.close();
  }, 90_000);

  test('from a signed-in browser: writes without the CSRF token fail, agents cannot use admin routes', async () => {
    const adminPage = await newPage();
    await signInToConsole(adminPage.page, admin.email, admin.password);
    // The admin creates an agent through the API, with the session's CSRF token.
    const created = await adminPage.page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/v1/console/me')).json()) as { csrfToken: string };
      const res = await fetch('/v1/console/admin/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ email: 'agent.e2e@example.com', password: 'agent e2e password', role: 'agent', name: 'Eve Agent' }),
      });
      return res.status;
    });
    expect(created).toBe(201);
    // Without the token: refused, even with the session cookie.
    expect(await fetchIn(adminPage.page, '/v1/console/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@example.com', password: 'xxxxxxxxxxxx', role: 'admin' }) })).toBe(403);

    // Admins set the SLA targets in the console.
    await adminPage.page.getByRole('link', { name: 'SLA targets' }).click();
    await adminPage.page.getByLabel('Urgent first response (hours)').fill('2');
    await adminPage.page.getByRole('button', { name: 'Save SLA targets' }).click();
    await adminPage.page.getByText(/SLA targets saved/).waitFor();
    expect(await adminPage.page.evaluate(async () => ((await (await fetch('/v1/console/admin/sla')).json()) as { policy: { urgent: { firstResponse: number } } }).policy.urgent.firstResponse)).toBe(2);

    const agentPage = await newPage();
    await signInToConsole(agentPage.page, 'agent.e2e@example.com', 'agent e2e password');
    expect(await agentPage.page.getByRole('link', { name: 'SLA targets' }).count()).toBe(0);
    expect(await fetchIn(agentPage.page, '/v1/console/admin/users')).toBe(403);
    expect(await fetchIn(agentPage.page, '/v1/console/tickets')).toBe(200);
    // Signed out, the console is closed again.
    await agentPage.page.getByRole('button', { name: 'Sign out' }).click();
    await agentPage.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await fetchIn(agentPage.page, '/v1/console/tickets')).toBe(401);
    await adminPage.context.close();
    await agentPage.context.close();
  }, 60_000);
});
