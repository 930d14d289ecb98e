import type {Page} from 'puppeteer-core';
import {ACCOUNT, type Stage} from './stage.js';
import {percentile} from './stats.js';

export interface ClickFigures {
  label: string;
  joins: number;
  hoverMs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
}

/** Wall-clock time of each click, read from the event, so page and server share one clock. */
const clickClock = `<script>
document.addEventListener('click', (e) => console.log('bench-click ' + (performance.timeOrigin + e.timeStamp)), true);
</script>`;

const visitor = JSON.stringify({
  firstname: 'John',
  lastname: 'Doe',
  externalId: 'uid1',
  externalType: 'myCMS',
});

/**
 * (a) OpenMeetings' REST sample (RestAPISample.html) as a page would use it: jQuery, the login
 * after the click, the hash when the login answers, the room when the hash answers. The login is
 * a POST, as OM 9 requires (OPENMEETINGS-2816); the sample's GET would get a 405.
 */
const naiveSameOrigin = `<script src="/jquery.js"></script><button id="join">Join</button><script>
$('#join').on('click', function () {
  $.ajax({
    method: 'POST',
    url: '/openmeetings/services/user/login',
    data: {user: ${JSON.stringify(ACCOUNT.user)}, pass: ${JSON.stringify(ACCOUNT.password)}},
    dataType: 'json'
  }).done(function (data) {
    $.ajax({
      method: 'POST',
      url: '/openmeetings/services/user/hash?sid=' + data.serviceResult.message,
      data: {user: JSON.stringify(${visitor}), options: JSON.stringify({roomId: 1, moderator: false})},
      dataType: 'json'
    }).done(function (data) {
      window.open('/openmeetings/hash?secure=' + data.serviceResult.message + '&language=1', 'room');
    });
  });
});
</script>`;

/** (c) The page side of the PHP and Node examples: ask the server after the click, then open. */
const naiveServer = `<button id="join">Join</button><script>
document.querySelector('#join').addEventListener('click', async () => {
  const answer = await fetch('/api/naive', {method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify({roomId: 1, language: 1})});
  window.open((await answer.json()).url, 'room');
});
</script>`;

const oursSameOrigin = `<om-join-button id="join" base-url="/openmeetings" om-user="${ACCOUNT.user}"
  om-password="${ACCOUNT.password}" room-id="1" external-id="uid1" external-type="myCMS"
  firstname="John" lastname="Doe" language="1">Join</om-join-button>`;

const oursToken = `<om-join-button id="join" token-endpoint="/api/join" room-id="1" language="1">Join</om-join-button>`;

export interface Scenario {
  label: string;
  body: string;
  /** How long the pointer rests on the button before the press. */
  hoverMs: number;
}

export const HOVER_MS = 300;

export const scenarios = {
  a: {label: '(a) naive same-origin, jQuery sample', body: naiveSameOrigin, hoverMs: HOVER_MS},
  b: {label: '(b) ours, same-origin mode', body: oursSameOrigin, hoverMs: HOVER_MS},
  c: {label: '(c) naive server, login + hash per request', body: naiveServer, hoverMs: HOVER_MS},
  d: {label: '(d) ours, token mode, SID pool', body: oursToken, hoverMs: HOVER_MS},
  b0: {label: '(b) ours, same-origin, no hover (touch)', body: oursSameOrigin, hoverMs: 0},
  d0: {label: '(d) ours, token, no hover (touch)', body: oursToken, hoverMs: 0},
} satisfies Record<string, Scenario>;

/**
 * Click to room: from the click to the moment the room tab's request reaches the server. Each
 * join is a hand's: the pointer comes onto the button, rests `hoverMs`, and the press lasts
 * `pressMs` from pointerdown to click. The scenarios take turns, one join each per round, so a
 * busy patch of the machine falls on all of them alike; a first round warms up and is not counted.
 */
export async function clickToRoom(
  stage: Stage,
  names: Array<keyof typeof scenarios>,
  joins: number,
  pressMs: number,
): Promise<Record<string, ClickFigures>> {
  const runs = [];
  for (const name of names) {
    const {body} = scenarios[name];
    stage.pages.set(
      `click-${name}`,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><script src="/om-join-button.iife.js"></script>${clickClock}</head><body style="padding:40px">${body}</body></html>`,
    );
    const context = await stage.browser.createBrowserContext();
    const page = await context.newPage();
    const clicks: number[] = [];
    page.on('console', (message) => {
      const [tag, at] = message.text().split(' ');
      if (tag === 'bench-click') clicks.push(Number(at));
    });
    await page.goto(`${stage.origin}/p/click-${name}`);
    runs.push({name, page, clicks, times: [] as number[]});
  }
  for (let round = 0; round <= joins; round++) {
    for (const run of runs) {
      const time = await oneJoin(stage, run.page, run.clicks, pressMs, scenarios[run.name].hoverMs);
      if (round > 0) run.times.push(time);
    }
  }
  const figures: Record<string, ClickFigures> = {};
  for (const {name, page, times} of runs) {
    await page.browserContext().close();
    const {label, hoverMs} = scenarios[name];
    figures[name] = {
      label,
      joins,
      hoverMs,
      medianMs: percentile(times, 0.5),
      p90Ms: percentile(times, 0.9),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
    };
  }

  return figures;
}

async function oneJoin(
  stage: Stage,
  page: Page,
  clicks: number[],
  pressMs: number,
  hoverMs: number,
): Promise<number> {
  const box = await page.$eval('#join', (el) => {
    const r = el.getBoundingClientRect();

    return {x: r.x + r.width / 2, y: r.y + r.height / 2};
  });
  await page.mouse.move(1, 1);
  await sleep(100);
  const seen = stage.requests.length;
  const clicked = clicks.length;
  await page.mouse.move(box.x, box.y);
  if (hoverMs) await sleep(hoverMs);
  await page.mouse.down();
  await sleep(pressMs);
  await page.mouse.up();
  const room = await waitFor(() =>
    stage.requests.slice(seen).find((r) => r.path === '/openmeetings/hash'),
  );
  const clickAt = await waitFor(() => clicks[clicked]);
  // Let the element settle and the endpoint's pool refill, as between two visitors; close the
  // room tab, so that every join opens one anew and finds its page in front.
  await page.waitForFunction(() => !document.querySelector('#join')?.hasAttribute('busy'), {
    polling: 10,
  });
  await sleep(200);
  for (const other of await page.browserContext().pages()) if (other !== page) await other.close();
  await page.bringToFront();

  return room.at - clickAt;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('benchmark: the room was never opened');
    await sleep(1);
  }
}
