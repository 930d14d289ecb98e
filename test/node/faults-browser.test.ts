import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Browser} from 'puppeteer-core';
import {launchChromium} from './support/chromium.js';
import {
  closed,
  roomShown,
  visit,
  type RelayedEvent,
  type Visit,
} from './support/faults-chromium.js';
import {mountFault} from './support/faults-mount.js';
import {ACCOUNT, startSite, type Site} from './support/faults-site.js';
import {
  faultRows,
  isFailure,
  type Failure,
  type FaultRow,
  type Outcome,
} from './support/faults-table.js';

type Mode = 'same-origin' | 'token' | 'proxy';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const visitor = 'external-id="visitor-1" external-type="fault-test" firstname="Ada"';
const account = `om-user="${ACCOUNT.user}" om-password="${ACCOUNT.password}"`;

/**
 * The element against each fault, in Chromium with its popup blocker on, testing the built IIFE:
 * same-origin mode meets the faulty OpenMeetings itself, token mode meets it through the real
 * token endpoint, and "proxy" puts the fault in front of the token endpoint. Three visits run
 * at a time, each in a browser context of its own; their clicks take turns.
 */
describe('element fault matrix in Chromium', {concurrency: 3}, () => {
  let browser: Browser;
  let site: Site;

  before(async () => {
    [browser, site] = await Promise.all([launchChromium(), startSite()]);
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function run(mode: Mode, row: FaultRow): Promise<void> {
    const scale = mode === 'token' ? 0.1 : 1;
    const mounted = await mountFault(site, row, mode, scale);
    const room = `room-id="${row.roomId ?? 1}"`;
    const attributes = {
      'same-origin': `base-url="${mounted.omUrl}" ${account} ${visitor} ${room}`,
      token: `token-endpoint="${mounted.endpoint}" ${room}`,
      proxy: `token-endpoint="${mounted.proxy}" base-url="${mounted.omUrl}" ${room}`,
    }[mode];
    const page = `<om-join-button ${attributes}>Join</om-join-button>`;
    const seen = await visit(browser, site.page(`${mode}-${row.id}`, page));
    const outcome = expected(mode, row);

    const ended = seen.next('om-join-error', 'om-join-success', 'om-join-blocked');
    await seen.click();
    const event = await ended;

    assert.equal(seen.popups.length, 1, 'one placeholder window, opened at the click');
    if (mode === 'same-origin' || mode === 'proxy') {
      assert.deepEqual(seen.calls, {logins: outcome.logins, hashes: outcome.hashes});
    } else {
      assert.deepEqual(mounted.calls, {logins: outcome.logins, hashes: outcome.hashes});
    }
    if (mode !== 'same-origin') {
      const endpoint = mode === 'proxy' ? mounted.proxy : mounted.endpoint;
      const tokenPosts = seen.requests.filter((request) => request === `POST ${endpoint}`);
      assert.equal(tokenPosts.length, 1, `one token request, never retried: ${seen.requests}`);
    }

    if (isFailure(outcome)) {
      await reported(seen, event, mode, outcome);
      await usableAgain(seen, mode);
    } else {
      assert.equal(event.name, 'om-join-success', JSON.stringify(event.detail));
      assert.equal(await roomShown(seen.context), outcome.room);
    }
    assert.deepEqual(seen.problems, []);
    await seen.context.close();
  }

  /** The failure shows as an event, on the element and in its live region, with no secret. */
  async function reported(seen: Visit, event: RelayedEvent, mode: Mode, outcome: Failure) {
    assert.equal(event.name, 'om-join-error', JSON.stringify(event.detail));
    const {code, message = ''} = event.detail;
    assert.equal(code, outcome.code, message);
    assert.match(message, outcome.says);
    if (mode === 'token') {
      assert.ok(message.startsWith(`Token request failed: HTTP ${outcome.status}, `), message);
    }
    await closed(seen.context, seen.popups[0]);
    const shown = await seen.page.$eval('om-join-button', (el) => ({
      error: el.getAttribute('error'),
      busy: el.hasAttribute('busy'),
      text: el.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim() ?? '',
    }));
    assert.deepEqual({...shown, text: shown.text !== ''}, {error: code, busy: false, text: true});
    for (const text of [JSON.stringify(event.detail), shown.text]) {
      assert.doesNotMatch(text, UUID, 'no SID or hash in what the page sees');
      assert.ok(!text.includes(ACCOUNT.password), 'no password in what the page sees');
    }
  }

  /** A second click, pointed at a healthy route, enters the room. */
  async function usableAgain(seen: Visit, mode: Mode): Promise<void> {
    await seen.page.$eval(
      'om-join-button',
      (el, sameOrigin) => {
        if (el.hasAttribute('base-url')) el.setAttribute('base-url', '/openmeetings');
        if (!sameOrigin) el.setAttribute('token-endpoint', '/api/om/join');
        el.setAttribute('room-id', '1');
      },
      mode === 'same-origin',
    );
    const ended = seen.next('om-join-error', 'om-join-success');
    await seen.click();

    const event = await ended;
    assert.equal(event.name, 'om-join-success', JSON.stringify(event.detail));
    assert.equal(await roomShown(seen.context), 'room');
    assert.equal(await seen.page.$eval('om-join-button', (el) => el.hasAttribute('error')), false);
  }

  // Waits that only the browser's own 30 s limit (or OpenMeetings' real 12 s) can end.
  const slow = (mode: Mode, row: FaultRow) => mode !== 'token' && row.slow === true;
  const cases = faultRows.flatMap((row) =>
    (['same-origin', 'token', 'proxy'] as const)
      .filter((mode) => mode !== 'proxy' || row.proxyExpect)
      .map((mode) => ({mode, row})),
  );

  const long = cases.filter((c) => slow(c.mode, c.row));
  const names = long.map((c) => `${c.mode} ${c.row.title}`).join(', ');
  const together = `waits out the real limits side by side, while the rows below run: ${names}`;
  it(together, {timeout: 90_000}, async () => {
    await Promise.all(long.map(({mode, row}) => run(mode, row)));
  });

  for (const {mode, row} of cases.filter((c) => !slow(c.mode, c.row))) {
    const outcome = expected(mode, row);
    const name = isFailure(outcome)
      ? `${mode}: reports ${outcome.code}, closes the placeholder and recovers after ${row.title}`
      : `${mode}: enters the room despite ${row.title}`;
    it(name, {timeout: 30_000}, () => run(mode, row));
  }

  it('notices an unhandled rejection, the check every row above relies on', async () => {
    site.route('/control/reject.js', (_req, res) => {
      res.writeHead(200, {'content-type': 'text/javascript'});
      res.end("Promise.reject(new Error('control'));");
    });
    const page = site.page('control', '<script src="/control/reject.js"></script>');
    const seen = await visit(browser, page);

    assert.match(await seen.problem(), /control/);
    await seen.context.close();
  });
});

/** The outcome a mode must show; in front of the endpoint only the token request is counted. */
function expected(mode: Mode, row: FaultRow): Outcome {
  if (mode === 'same-origin') return row.sameOrigin ?? row.expect;
  if (mode === 'token') return row.expect;

  // A SID from the endpoint costs the browser one hash call; nothing else reaches OpenMeetings.
  const hashes = row.id === 'expired-sid' ? 1 : 0;

  return {...row.proxyExpect!, status: 0, logins: 0, hashes};
}
