/**
 * The reply coach's live check in a real browser: from the keystroke pause (the debounce firing and
 * the request going out) to the highlights for that draft on screen, over ~50 edits of a
 * 1,000-character draft. Also printed: the same measured from the last keystroke (including the
 * 250 ms pause the composer waits for), and two baselines from the same page in the same run: the
 * bare POST /coach fetch round trip and a no-op GET /api/v1/health.
 *
 * BENCH_EDITS (50). Needs chromium (CHROMIUM_PATH, default /usr/bin/chromium) and a web build.
 */
import { launchBrowser, startE2eServer } from '../test/e2e/browser.ts';
import { signInOverHttp } from '../test/support/server-process.ts';
import { formatMs, percentile, printTable } from './support/stats.ts';

const edits = Number(process.env.BENCH_EDITS ?? 50);
const targetMs = 150;

const paragraphs = [
  "Hi Rhea, I'm so sorry. Charging you twice for order ORD-77120 was our mistake, and I completely understand why you're upset.",
  'Calm down, please. As I already said, the refund will be processed soon.',
  "Just to make sure I've understood: the blender arrived, but it stops after two minutes and shows a red light. Is that right?",
  "I've asked our billing team to refund £249.00 to your card today, and I'll write to you by Thursday at 12:00 with the transaction number.",
  'Actually, you are wrong about the delivery date. The order page says 3-5 working days and that is not our fault.',
  "Thank you for your patience. I know how frustrating it is to wait for a parcel that doesn't come.",
  'We guarantee it will never happen again, 100% guaranteed. Our backend team is looking into the root cause.',
];

/** The little of the DOM the in-page functions use (this package compiles without the DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  addEventListener(type: string, listener: () => void): void;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null };
  lastInputAt: number;
}

function draftOf(length: number): string {
  let text = '';
  for (let index = 0; text.length < length; index += 1) text += `${paragraphs[index % paragraphs.length]} `;
  return text.slice(0, length);
}

const server = await startE2eServer();
const browser = await launchBrowser();
try {
  const api = await signInOverHttp(server.baseUrl, 'ana@defuse.example', 'defuse-demo-2026');
  const inbound = await fetch(`${server.baseUrl}/api/v1/inbound`, {
    method: 'POST',
    headers: api,
    body: JSON.stringify({
      channel: 'email',
      from: { email: 'bench-live@example.com', name: 'Rhea Bench' },
      body: 'You charged me TWICE for my order and nobody answers. This is ridiculous, I want my money back today or I go to my bank.',
    }),
  });
  const conversationId = ((await inbound.json()) as { conversation: { id: string } }).conversation.id;

  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Email').fill('ana@defuse.example');
  await page.getByLabel('Password').fill('defuse-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/);
  await page.goto(`${server.baseUrl}/conversations/${conversationId}`);
  const composer = page.getByTestId('composer-input');
  await composer.waitFor();
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    page.document.querySelector('[data-testid="composer-input"]')?.addEventListener('input', () => {
      page.lastInputAt = performance.now();
    });
  });

  const draft = draftOf(1000);
  await composer.fill(draft);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as PageGlobals).document
        .querySelector('[data-testid="coach-highlights"]')
        ?.getAttribute('data-state') === 'current',
  );

  const roundTrip: number[] = [];
  const fromKeystroke: number[] = [];
  let marks = 0;
  for (let edit = 0; edit < edits + 5; edit += 1) {
    // Alternate: type a few characters at the end, then take them away again (the draft stays ~1,000 characters).
    await composer.press('Control+End');
    if (edit % 2 === 0) await composer.pressSequentially(edit % 4 === 0 ? ' ok' : ' asap');
    else for (let count = 0; count < (edit % 4 === 1 ? 3 : 5); count += 1) await composer.press('Backspace');
    const timing = await page.waitForFunction(
      () => {
        const page = globalThis as unknown as PageGlobals;
        const layer = page.document.querySelector('[data-testid="coach-highlights"]');
        const start = performance.getEntriesByName('coach:check-start').at(-1);
        const shown = performance.getEntriesByName('coach:highlights-shown').at(-1);
        const last = page.lastInputAt;
        if (layer?.getAttribute('data-state') !== 'current' || !start || !shown || shown.startTime < start.startTime) return null;
        if (start.startTime < last) return null;
        return {
          roundTrip: shown.startTime - start.startTime,
          fromKeystroke: shown.startTime - last,
          marks: Number(layer.getAttribute('data-marks')),
        };
      },
      undefined,
      { timeout: 10_000, polling: 'raf' },
    );
    const result = (await timing.jsonValue()) as { roundTrip: number; fromKeystroke: number; marks: number };
    if (edit < 5) continue; // warm-up
    roundTrip.push(result.roundTrip);
    fromKeystroke.push(result.fromKeystroke);
    marks = result.marks;
  }

  const current = await composer.inputValue();
  const baselines = (await page.evaluate(
    async ({ id, text, count }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const coach: number[] = [];
      const health: number[] = [];
      for (let index = 0; index < count + 5; index += 1) {
        let start = performance.now();
        const response = await fetch(`/api/v1/conversations/${id}/coach`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ draft: `${text}${index % 2 ? ' ok' : ''}` }),
        });
        await response.json();
        if (index >= 5) coach.push(performance.now() - start);
        start = performance.now();
        await (await fetch('/api/v1/health')).json();
        if (index >= 5) health.push(performance.now() - start);
      }
      return { coach, health };
    },
    { id: conversationId, text: current, count: edits },
  )) as { coach: number[]; health: number[] };

  console.log(
    `Live reply coach in chromium: ${edits} edits of a ${draft.length}-character draft (${marks} highlighted runs), loopback, debounce 250 ms.`,
  );
  const row = (name: string, samples: number[], target: boolean) => [
    name,
    formatMs(percentile(samples, 50)),
    formatMs(percentile(samples, 99)),
    formatMs(Math.max(...samples)),
    target ? (percentile(samples, 99) < targetMs ? 'yes' : 'NO') : '',
  ];
  printTable(
    ['measure', 'p50', 'p99', 'max', `p99 < ${targetMs} ms`],
    [
      row('keystroke pause → highlights shown', roundTrip, true),
      row('last keystroke → highlights shown (incl. 250 ms pause)', fromKeystroke, false),
      row('baseline: bare POST /coach fetch from the page', baselines.coach, false),
      row('baseline: no-op GET /api/v1/health from the page', baselines.health, false),
    ],
  );
  if (percentile(roundTrip, 99) >= targetMs) process.exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
}
