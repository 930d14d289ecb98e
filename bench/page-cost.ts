import type {Stage} from './stage.js';

export interface PageCostFigures {
  buttons: number;
  requestsBeforeInteraction: number;
  ourMs: number;
  plainMs: number;
  ratio: number;
}

const report = (ready: string) => `<script>
addEventListener('load', async () => {
  ${ready}
  requestAnimationFrame(() => setTimeout(() => console.log('rendered ' + performance.now())));
});
</script>`;

/**
 * A page with `count` buttons: requests it makes before anyone touches it, and the time from
 * navigation start to the first frame after every button has rendered, against plain buttons.
 */
export async function pageCost(stage: Stage, count = 500, runs = 5): Promise<PageCostFigures> {
  const ours = Array.from({length: count}, (_, i) =>
    `<om-join-button token-endpoint="/api/join" room-id="${(i % 8) + 1}">Join ${i}</om-join-button>`,
  ).join('');
  const plain = Array.from({length: count}, (_, i) => `<button>Join ${i}</button>`).join('');
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8">';
  stage.pages.set(
    'many-ours',
    `${head}<script src="/om-join-button.iife.js"></script></head><body>${ours}${report(
      "await Promise.all([...document.querySelectorAll('om-join-button')].map((el) => el.updateComplete));",
    )}</body></html>`,
  );
  stage.pages.set('many-plain', `${head}</head><body>${plain}${report('')}</body></html>`);

  const measure = async (name: string) => {
    const times: number[] = [];
    let requests = 0;
    for (let i = 0; i < runs; i++) {
      const context = await stage.browser.createBrowserContext();
      const page = await context.newPage();
      const rendered = new Promise<number>((resolve) =>
        page.on('console', (m) => m.text().startsWith('rendered ') && resolve(Number(m.text().slice(9)))),
      );
      const seen = stage.requests.length;
      await page.goto(`${stage.origin}/p/${name}`, {waitUntil: 'networkidle0'});
      times.push(await rendered);
      requests = Math.max(requests, stage.requests.slice(seen).filter((r) => !isPageLoad(r.path)).length);
      await context.close();
    }
    times.sort((a, b) => a - b);

    return {median: times[Math.floor(times.length / 2)], requests};
  };
  const oursResult = await measure('many-ours');
  const plainResult = await measure('many-plain');

  return {
    buttons: count,
    requestsBeforeInteraction: oursResult.requests,
    ourMs: oursResult.median,
    plainMs: plainResult.median,
    ratio: oursResult.median / plainResult.median,
  };
}

function isPageLoad(path: string): boolean {
  return path.startsWith('/p/') || path === '/om-join-button.iife.js' || path === '/favicon.ico';
}
