import type {Stage} from './stage.js';
import {median} from './stats.js';

export interface PageCostFigures {
  buttons: number;
  runs: number;
  /** Requests the page of our buttons made after its own load, with nobody touching it. */
  requestsBeforeInteraction: number;
  /** Median ms from the first button in the markup to the first frame with all rendered. */
  ourMs: number;
  plainMs: number;
  ratio: number;
}

// A mark before the first button, and the first frame after the last one rendered: the page's
// parse of the buttons, our script's define and every first render, and layout and paint.
const start = '<script>performance.mark("buttons")</script>';
const report = (ready: string) => `<script>
(async () => {
  ${ready}
  requestAnimationFrame(() => setTimeout(() => {
    const from = performance.getEntriesByName('buttons')[0].startTime;
    console.log('bench-rendered ' + (performance.now() - from));
  }));
})();
</script>`;

/**
 * A page of `count` buttons, half in token mode and half in same-origin mode, against the same
 * page of plain `<button>`s. The IIFE is inlined, so no download sits inside the time; the plain
 * page has no script but the clock.
 */
export async function pageCost(
  stage: Stage,
  bundle: Buffer,
  count = 500,
  runs = 7,
): Promise<PageCostFigures> {
  const ours = Array.from({length: count}, (_, i) =>
    i % 2
      ? `<om-join-button token-endpoint="/api/join" room-id="${(i % 8) + 1}">Join ${i}</om-join-button>`
      : `<om-join-button base-url="/openmeetings" om-user="soapuser" om-password="x" external-id="v${i}" external-type="bench" room-id="${(i % 8) + 1}">Join ${i}</om-join-button>`,
  ).join('\n');
  const plain = Array.from(
    {length: count},
    (_, i) => `<button type="button">Join ${i}</button>`,
  ).join('\n');
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>';
  // `</script` cannot occur inside the inlined bundle's text; check rather than trust it.
  const code = bundle.toString('utf8');
  if (code.includes('</script')) throw new Error('benchmark: the bundle cannot be inlined as is');
  const define = `<script>${code}</script>`;
  const allRendered =
    "await Promise.all([...document.querySelectorAll('om-join-button')].map((el) => el.updateComplete));";
  stage.pages.set(
    'many-ours',
    `${head}${start}${ours}${define}${report(allRendered)}</body></html>`,
  );
  stage.pages.set('many-plain', `${head}${start}${plain}${report('')}</body></html>`);

  let requests = 0;
  const measure = async (name: string) => {
    const context = await stage.browser.createBrowserContext();
    const page = await context.newPage();
    const rendered = new Promise<number>((resolve) =>
      page.on('console', (m) => {
        const [tag, ms] = m.text().split(' ');
        if (tag === 'bench-rendered') resolve(Number(ms));
      }),
    );
    const seen = stage.requests.length;
    await page.goto(`${stage.origin}/p/${name}`, {waitUntil: 'load'});
    const ms = await rendered;
    if (name === 'many-ours') {
      // A second of rest with nobody near: any request but the page's own is one too many.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const own = (path: string) => path.startsWith('/p/') || path === '/favicon.ico';
      requests = Math.max(requests, stage.requests.slice(seen).filter((r) => !own(r.path)).length);
    }
    await context.close();

    return ms;
  };
  const oursTimes: number[] = [];
  const plainTimes: number[] = [];
  // Alternate the two pages, so that a slow patch of the machine hits both alike.
  for (let i = 0; i < runs; i++) {
    oursTimes.push(await measure('many-ours'));
    plainTimes.push(await measure('many-plain'));
  }
  const ourMs = median(oursTimes);
  const plainMs = median(plainTimes);

  return {
    buttons: count,
    runs,
    requestsBeforeInteraction: requests,
    ourMs,
    plainMs,
    ratio: ourMs / plainMs,
  };
}
