import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Browser, BrowserContext, Page, Target} from 'puppeteer-core';
import {launchChromium, consoleLine} from './support/chromium.js';
import {startHarness, type Harness} from './support/harness.js';

// Popup tests drive real input and never call into a page while a join is pending: puppeteer's
// evaluate would hand the page a fresh user activation and let a late window.open through.
describe('opening the room with the popup blocker on', () => {
  let browser: Browser;
  let harness: Harness;

  before(async () => {
    [browser, harness] = await Promise.all([launchChromium(), startHarness({penaltyScale: 0})]);
    harness.route('/api/slow', async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      harness.routeHandler('/api/join')(req, res);
    });
    harness.route('/api/fail', (_req, res) => {
      res.writeHead(503, {'content-type': 'application/json'});
      res.end('{"error":{"code":"http","message":"OpenMeetings is down for maintenance"}}');
    });
    harness.route('/api/evil', (_req, res) => {
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(
        '{"url":"http://127.0.0.2:9/openmeetings/hash?secure=4d5b6a1e-0000-4000-8000-000000000000"}',
      );
    });
  });

  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  async function open(name: string, body: string, script = true) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const popups: Target[] = [];
    context.on('targetcreated', (target: Target) => {
      if (target.type() === 'page' && target.opener() === page.target()) popups.push(target);
    });
    await page.goto(harness.page(name, body, {script}));

    return {context, page, popups};
  }

  function roomTarget(context: BrowserContext): Promise<Target> {
    return context.waitForTarget((t) => t.url().includes('/openmeetings/hash?secure='), {
      timeout: 20_000,
    });
  }

  async function roomFacts(target: Target) {
    const room = (await target.page()) as Page;
    await room.waitForSelector('#room, #invalid-hash');

    return room.$eval('#room', (el) => ({...(el as HTMLElement).dataset}));
  }

  it(
    'opens the room tab even when the endpoint answers after 6 seconds',
    {timeout: 30_000},
    async () => {
      const {context, page} = await open(
        'slow',
        '<om-join-button token-endpoint="/api/slow" room-id="2">Join</om-join-button>',
      );
      const success = consoleLine(page, 'event om-join-success');
      const room = roomTarget(context);
      await page.click('om-join-button');

      const facts = await roomFacts(await room);
      assert.equal(facts.roomId, '2');
      await success;
      await context.close();
    },
  );

  it(
    'closes the placeholder and shows the error when the endpoint fails',
    {timeout: 30_000},
    async () => {
      const {context, page, popups} = await open(
        'fail',
        '<om-join-button token-endpoint="/api/fail" room-id="2">Join</om-join-button>',
      );
      const failed = consoleLine(page, 'event om-join-error');
      await page.click('om-join-button');
      await failed;

      assert.equal(popups.length, 1, 'a placeholder window was opened at the click');
      const closed = await waitClosed(context, popups[0]);
      assert.ok(closed, 'the placeholder window is closed');
      const state = await page.$eval('om-join-button', (el) => ({
        error: el.hasAttribute('error'),
        text: el.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim() ?? '',
      }));
      assert.ok(state.error);
      assert.notEqual(state.text, '');
      await context.close();
    },
  );

  it(
    'makes one request and one tab for two rapid clicks, and reuses the tab later',
    {timeout: 30_000},
    async () => {
      const before = harness.hits.get('/api/join') ?? 0;
      const {context, page, popups} = await open(
        'twice',
        '<om-join-button token-endpoint="/api/join" room-id="3">Join</om-join-button>',
      );
      const success = consoleLine(page, 'event om-join-success');
      // Two presses in one input burst: a double click, as an impatient visitor gives it.
      await page.click('om-join-button', {count: 2});
      await success;
      assert.equal((harness.hits.get('/api/join') ?? 0) - before, 1);
      assert.equal(popups.length, 1);

      const again = consoleLine(page, 'event om-join-success');
      // Headless Chromium leaves the popup in front; input to the opener waits until it is back.
      await page.bringToFront();
      await page.click('om-join-button');
      await again;
      assert.equal((harness.hits.get('/api/join') ?? 0) - before, 2);
      assert.equal(popups.length, 1, 'the second join navigates the same named window');
      await context.close();
    },
  );

  it(
    'falls back to a link and fires om-join-blocked when the window is blocked',
    {timeout: 30_000},
    async () => {
      // A click from script, with no user activation: Chromium's blocker makes window.open return null.
      const {context, page, popups} = await open(
        'blocked',
        `<om-join-button token-endpoint="/api/join" room-id="4">Join</om-join-button>
       <script>addEventListener('load', () => setTimeout(() =>
         document.querySelector('om-join-button').shadowRoot.querySelector('button').click()));</script>`,
      );
      await consoleLine(page, 'event om-join-blocked');
      assert.equal(popups.length, 0);
      const link = await page.waitForFunction(() =>
        document
          .querySelector('om-join-button')
          ?.shadowRoot?.querySelector('a[part~="link"]')
          ?.getAttribute('href'),
      );
      assert.match(String(await link.jsonValue()), /\/openmeetings\/hash\?secure=[0-9a-f-]{36}/);
      await context.close();
    },
  );

  it('lets a wrapped link work without the script', {timeout: 30_000}, async () => {
    const {page} = await open(
      'no-script',
      '<om-join-button token-endpoint="/api/join"><a href="/api/join?roomId=5">Join</a></om-join-button>',
      false,
    );
    await Promise.all([page.waitForNavigation(), page.click('a')]);
    assert.match(page.url(), /\/openmeetings\/hash\?secure=[0-9a-f-]{36}/);
    assert.equal(await page.$eval('#room', (el) => (el as HTMLElement).dataset.roomId), '5');
    await page.browserContext().close();
  });

  it(
    'keeps the native behaviour of a ctrl-click on a wrapped link',
    {timeout: 30_000},
    async () => {
      const {context, page} = await open(
        'ctrl',
        '<om-join-button token-endpoint="/api/join" room-id="5"><a href="/api/join?roomId=5">Join</a></om-join-button>',
      );
      let started = false;
      page.on('console', (m) => (started ||= m.text().startsWith('event om-join-start')));
      const room = roomTarget(context);
      await page.keyboard.down('Control');
      await page.click('a');
      await page.keyboard.up('Control');

      assert.equal((await roomFacts(await room)).roomId, '5');
      assert.equal(started, false, 'the element left the ctrl-click to the browser');
      await context.close();
    },
  );

  it('refuses a room URL off the OpenMeetings origin', {timeout: 30_000}, async () => {
    const {context, page, popups} = await open(
      'evil',
      '<om-join-button token-endpoint="/api/evil" base-url="/openmeetings" room-id="1">Join</om-join-button>',
    );
    const failed = consoleLine(page, 'event om-join-error');
    await page.click('om-join-button');
    assert.equal(await failed, 'event om-join-error refused');
    for (const popup of popups) {
      assert.ok(await waitClosed(context, popup));
      assert.doesNotMatch(popup.url(), /127\.0\.0\.2/);
    }
    await context.close();
  });
});

/** Resolves true once `target` is gone from `context`. */
function waitClosed(context: BrowserContext, target: Target): Promise<boolean> {
  if (!context.targets().includes(target)) return Promise.resolve(true);

  return new Promise((resolve) => {
    const onGone = (gone: Target) => {
      if (gone !== target) return;
      context.off('targetdestroyed', onGone);
      resolve(true);
    };
    context.on('targetdestroyed', onGone);
  });
}
