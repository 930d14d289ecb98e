import type {Page} from 'puppeteer-core';
import type {Stage} from './stage.js';

export interface ClickFigures {
  label: string;
  joins: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const clickClock = `<script>
document.addEventListener('click', () => console.log('click ' + Date.now()), true);
</script>`;

// The naive browser flows: the OpenMeetings jQuery example's sequence after the click (login,
// then hash), and the PHP/Node examples' server round trip, each opening the room at the end.
const naiveSameOrigin = `<button id="join">Join</button><script>
document.querySelector('#join').addEventListener('click', async () => {
  const base = '/openmeetings/services/user/';
  const post = (path, fields) => fetch(base + path, {method: 'POST', body: new URLSearchParams(fields)})
    .then((r) => r.json()).then((j) => j.serviceResult.message);
  const sid = await post('login', {user: 'soapuser', pass: '!HansHans1'});
  const user = JSON.stringify({externalId: 'naive-' + Math.random(), externalType: 'bench', firstname: 'Naive'});
  const hash = await post('hash?sid=' + sid, {user, options: JSON.stringify({roomId: 1})});
  window.open('/openmeetings/hash?secure=' + hash + '&language=1', 'room');
});
</script>`;

const naiveServer = `<button id="join">Join</button><script>
document.querySelector('#join').addEventListener('click', async () => {
  const response = await fetch('/api/naive', {method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify({roomId: 1, language: 1})});
  window.open((await response.json()).url, 'room');
});
</script>`;

const oursSameOrigin = `<om-join-button id="join" base-url="/openmeetings" om-user="soapuser"
  om-password="!HansHans1" room-id="1" external-id="bench-same" external-type="bench"
  firstname="Ours" language="1">Join</om-join-button>`;

const oursToken = `<om-join-button id="join" token-endpoint="/api/join" room-id="1" language="1">Join</om-join-button>`;

export const clickScenarios = {
  'a naive same-origin': naiveSameOrigin,
  'b ours same-origin': oursSameOrigin,
  'c naive server': naiveServer,
  'd ours token': oursToken,
};

/**
 * Click to the start of the room's navigation: from the `click` event in the page to the moment
 * the room page's request reaches the server. The pointer hovers first, as a hand does, and the
 * press lasts `pressMs` from pointerdown to click.
 */
export async function clickToRoom(
  stage: Stage,
  label: keyof typeof clickScenarios,
  joins: number,
  pressMs = 80,
  hoverMs = 300,
): Promise<ClickFigures> {
  const name = label.replace(/\W+/g, '-');
  stage.pages.set(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><script src="/om-join-button.iife.js"></script>${clickClock}</head><body style="padding:40px">${clickScenarios[label]}</body></html>`,
  );
  const context = await stage.browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${stage.origin}/p/${name}`);
  const times: number[] = [];
  for (let i = 0; i < joins; i++) times.push(await oneJoin(stage, page, pressMs, hoverMs));
  await context.close();
  times.sort((a, b) => a - b);

  return {
    label,
    joins,
    medianMs: times[Math.floor(times.length / 2)],
    minMs: times[0],
    maxMs: times[times.length - 1],
  };
}

async function oneJoin(stage: Stage, page: Page, pressMs: number, hoverMs: number): Promise<number> {
  const box = await page.$eval('#join', (el) => {
    const r = el.getBoundingClientRect();

    return {x: r.x + r.width / 2, y: r.y + r.height / 2};
  });
  await page.mouse.move(0, 0);
  const seen = stage.requests.length;
  const clicked = new Promise<number>((resolve) => {
    page.once('console', (m) => resolve(Number(m.text().split(' ')[1])));
  });
  await page.mouse.move(box.x, box.y);
  await new Promise((resolve) => setTimeout(resolve, hoverMs));
  await page.mouse.down();
  await new Promise((resolve) => setTimeout(resolve, pressMs));
  await page.mouse.up();
  const clickAt = await clicked;
  const navigation = await waitFor(() =>
    stage.requests.slice(seen).find((r) => r.path === '/openmeetings/hash'),
  );
  // Let the element settle before the next press.
  await page.waitForFunction(() => !document.querySelector('#join')?.hasAttribute('busy'));

  return navigation.at - clickAt;
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('benchmark: the room was never opened');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
