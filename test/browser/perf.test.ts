import {expect, oneEvent} from '@open-wc/testing';
import {resetMouse, sendKeys, sendMouse} from '@web/test-runner-commands';
import '../../src/element/define.js';
import type {HashLogEntry} from '../../src/emulator/index.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  emulatorLog,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  shadowButton,
  stub,
  stubWindowOpen,
} from './support.js';

// Issue #8: nothing happens before a visitor comes near a button; the press starts the request,
// the hover or focus a spare login; and however they combine, no SID makes two hashes.

const sameOrigin = (id: string) =>
  `<om-join-button base-url="/openmeetings" om-user="soapuser" om-password="!HansHans1"
    room-id="2" external-id="${id}" external-type="perf-test">Join</om-join-button>`;
const tokenMode = '<om-join-button token-endpoint="/api/om/join" room-id="2">Join</om-join-button>';

let holder: HTMLElement | undefined;

/** Mocha's per-test limit, for the tests that drive many buttons or many real presses. */
function allow(test: unknown, ms: number): void {
  (test as {timeout(ms: number): void}).timeout(ms);
}

/** Buttons from markup in a fresh container, rendered, each on the given fetch. */
async function buttons(markup: string, fetch?: typeof globalThis.fetch): Promise<OmJoinButton[]> {
  holder?.remove();
  holder = document.createElement('div');
  holder.innerHTML = markup;
  document.body.append(holder);
  const all = [...holder.querySelectorAll('om-join-button')];
  if (fetch) for (const el of all) el.fetch = fetch;
  await Promise.all(all.map((el) => el.updateComplete));

  return all;
}

function centre(el: Element): [number, number] {
  const box = el.getBoundingClientRect();

  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
}

async function hover(el: OmJoinButton): Promise<void> {
  await sendMouse({type: 'move', position: centre(shadowButton(el))});
}

/** Down on the button; `click` false releases it over the page instead, so no click follows. */
async function press(el: OmJoinButton, click = true): Promise<void> {
  await hover(el);
  await sendMouse({type: 'down'});
  if (!click) await sendMouse({type: 'move', position: [2, 2]});
  await sendMouse({type: 'up'});
}

async function until(probe: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 3000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the emulator's log has not grown for 300 ms. */
async function settled(): Promise<void> {
  let seen = -1;
  for (;;) {
    const now = (await emulatorLog()).length;
    if (now === seen) return;
    seen = now;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function hashesBySid(): Promise<Map<string | null, number>> {
  const hashes = (await emulatorLog()).filter((e): e is HashLogEntry => e.kind === 'hash');
  const counts = new Map<string | null, number>();
  for (const entry of hashes) counts.set(entry.sid, (counts.get(entry.sid) ?? 0) + 1);

  return counts;
}

async function kinds(): Promise<string[]> {
  return (await emulatorLog()).map((entry) => entry.kind);
}

describe('om-join-button before and at the press', () => {
  beforeEach(resetEmulator);
  afterEach(async () => {
    restoreStubs();
    holder?.remove();
    await resetMouse();
  });

  it('makes no request, timer or observer for 300 buttons before anyone comes near', async function () {
    allow(this, 15_000);
    const requests: string[] = [];
    const start = performance.now();
    const watcher = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.startTime >= start) requests.push(entry.name);
    });
    watcher.observe({type: 'resource'});
    const created: string[] = [];
    const counting = <T extends (...args: never[]) => unknown>(name: string, original: T) =>
      ((...args: Parameters<T>) => {
        created.push(name);

        return original.apply(window, args);
      }) as unknown as T;
    stub(window, 'setTimeout', counting('setTimeout', window.setTimeout));
    stub(window, 'setInterval', counting('setInterval', window.setInterval));
    stub(
      window,
      'requestIdleCallback',
      counting('requestIdleCallback', window.requestIdleCallback),
    );
    for (const name of ['MutationObserver', 'IntersectionObserver', 'ResizeObserver'] as const) {
      const Original = window[name] as unknown as new (...args: unknown[]) => object;
      stub(
        window,
        name,
        class extends Original {
          constructor(...args: unknown[]) {
            created.push(name);
            super(...args);
          }
        } as never,
      );
    }
    const markup = Array.from({length: 300}, (_, i) => (i % 2 ? tokenMode : sameOrigin(`v${i}`)));

    const all = await buttons(markup.join(''));
    restoreStubs();
    await new Promise((resolve) => setTimeout(resolve, 300));
    watcher.disconnect();

    expect(all.every((el) => el.shadowRoot?.querySelector('button'))).to.equal(true);
    expect(created).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    expect(await kinds()).to.deep.equal([]);
  });

  it('asks for the room at the press and opens the window at the click', async () => {
    const opened = stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const [el] = await buttons(tokenMode, recorder.fetch);
    await hover(el);

    await sendMouse({type: 'down'});
    await until(() => recorder.requests.length === 1, 'the token request');
    expect(opened.calls).to.have.length(0);
    const success = oneEvent(el, 'om-join-success');
    await sendMouse({type: 'up'});
    expect(opened.calls).to.have.length(1);
    recorder.release();
    await success;

    expect(recorder.requests).to.have.length(1);
    expect(opened.windows[0].replaced).to.have.length(1);
  });

  it('starts at Space going down and joins when it comes up', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const [el] = await buttons(tokenMode, recorder.fetch);
    shadowButton(el).focus();

    await sendKeys({down: 'Space'});
    await until(() => recorder.requests.length === 1, 'the token request');
    const success = oneEvent(el, 'om-join-success');
    await sendKeys({up: 'Space'});
    recorder.release();
    await success;

    expect(recorder.requests).to.have.length(1);
  });

  it('leaves at most one unused hash when presses never become clicks, and a click takes it', async () => {
    const opened = stubWindowOpen();
    const recorder = recordingFetch();
    const [el] = await buttons(tokenMode, recorder.fetch);

    for (let i = 0; i < 3; i++) await press(el, false);
    await until(async () => (await kinds()).includes('hash'), 'the hash');
    expect(el.busy).to.equal(false);
    const success = oneEvent(el, 'om-join-success');
    await press(el);
    await success;

    expect(recorder.requests).to.have.length(1);
    expect(await kinds()).to.deep.equal(['login', 'hash']);
    expect(opened.windows[0].replaced).to.have.length(1);
  });

  it('logs in once when the visitor hovers over many buttons, and the join uses that SID', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    const all = await buttons(
      [0, 1, 2, 3].map((i) => sameOrigin(`h${i}`)).join(''),
      recorder.fetch,
    );

    for (const el of all) await hover(el);
    await until(async () => (await kinds()).length === 1, 'the spare login');
    const success = oneEvent(all[2], 'om-join-success');
    await press(all[2]);
    await success;

    const log = await emulatorLog();
    expect(log.map((entry) => entry.kind)).to.deep.equal(['login', 'hash']);
    expect((log[1] as HashLogEntry).sid).to.equal(log[0].kind === 'login' && log[0].sid);
    expect((log[1] as HashLogEntry).user?.externalId).to.equal('h2');
  });

  it('logs in a spare when a keyboard user tabs to the button, and Enter joins on it', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    const [el] = await buttons(sameOrigin('k1'), recorder.fetch);
    const before = document.createElement('button');
    holder!.prepend(before);
    before.focus();

    await sendKeys({press: 'Tab'});
    await until(async () => (await kinds()).length === 1, 'the spare login');
    const success = oneEvent(el, 'om-join-success');
    await sendKeys({press: 'Enter'});
    await success;

    expect(await kinds()).to.deep.equal(['login', 'hash']);
  });

  it('never makes two hashes on one SID, however hovers, presses and clicks combine', async function () {
    allow(this, 15_000);
    stubWindowOpen();
    const recorder = recordingFetch();
    const all = await buttons([0, 1, 2].map((i) => sameOrigin(`s${i}`)).join(''), recorder.fetch);
    const joined = (el: OmJoinButton) => oneEvent(el, 'om-join-success');

    await hover(all[0]);
    await hover(all[1]);
    let success = joined(all[0]);
    await press(all[0]);
    await success;
    await press(all[1], false);
    success = joined(all[2]);
    await press(all[2]);
    await success;
    success = joined(all[1]);
    shadowButton(all[1]).focus();
    await sendKeys({press: 'Enter'});
    await success;
    success = joined(all[0]);
    shadowButton(all[0]).click();
    await success;
    await hover(all[2]);
    await settled();

    const bySid = await hashesBySid();
    expect(bySid.size).to.equal(4);
    expect([...bySid.values()].every((count) => count === 1)).to.equal(true);
    expect(bySid.has(null)).to.equal(false);
  });
});
