import {expect, fixture, html} from '@open-wc/testing';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  emulatorLog,
  part,
  resetEmulator,
  restoreStubs,
  stubWindowOpen,
  type FakeWindow,
} from './support.js';

const PASSWORDS = ['!HansHans1', 'wrong-password'];
const eventNames = ['om-join-start', 'om-join-success', 'om-join-error', 'om-join-blocked'];

/** Every event detail of the join, as text, with the error's message spelled out. */
function recordEvents(): {texts: string[]; stop(): void} {
  const texts: string[] = [];
  const record = (event: Event) => {
    const detail = (event as CustomEvent).detail as {error?: Error};
    const error = detail.error && {...detail.error, message: detail.error.message};
    texts.push(JSON.stringify({...detail, error}));
  };
  for (const name of eventNames) document.addEventListener(name, record);

  return {
    texts,
    stop: () => eventNames.forEach((name) => document.removeEventListener(name, record)),
  };
}

/** What a page script or an extension can read: the light DOM, the shadow DOM, attributes. */
function visible(el: OmJoinButton): string {
  const attributes = [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
  const error = el.lastError ? `${el.lastError.message} ${JSON.stringify(el.lastError)}` : '';

  return [document.documentElement.outerHTML, el.shadowRoot!.innerHTML, attributes, error].join(
    '\n',
  );
}

/** The SIDs and hashes OpenMeetings handed out so far, from the emulator's inspection log. */
async function issued(): Promise<string[]> {
  const found = (await emulatorLog()).flatMap((entry) => {
    if (entry.kind === 'login') return entry.sid ? [entry.sid] : [];
    if (entry.kind === 'hash') return [entry.sid, entry.hash].filter((v): v is string => !!v);

    return [];
  });

  return [...new Set(found)];
}

async function firstHash(): Promise<string> {
  const log = await emulatorLog();

  return log.flatMap((entry) => (entry.kind === 'hash' && entry.hash ? [entry.hash] : []))[0];
}

function occurrences(text: string, secret: string): number {
  return text.split(secret).length - 1;
}

async function apiSid(): Promise<string> {
  const body = new URLSearchParams({user: 'soapuser', pass: '!HansHans1'});
  const answer = await window.fetch('/openmeetings/services/user/login', {method: 'POST', body});

  return ((await answer.json()) as {serviceResult: {message: string}}).serviceResult.message;
}

/** A token endpoint that answers with a SID for the browser to ask for the hash with. */
function sidEndpoint(sid: string): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url, location.href).pathname === '/api/om/sid') {
      const user = {externalId: 'guest-7', externalType: 'wtr-guest'};

      return Response.json({sid, user, options: {roomId: 1}});
    }

    return window.fetch(input, init);
  };
}

/** Fake windows, which the visitor closes when the test ends so that no later join reuses one. */
const stubs: Array<{windows: FakeWindow[]}> = [];

function openWindows(blocked = false) {
  const opened = stubWindowOpen(blocked);
  stubs.push(opened);

  return opened;
}

function closeWindows(): void {
  for (const {windows} of stubs.splice(0)) for (const win of windows) win.closed = true;
}

describe('om-join-button secrets in token mode', () => {
  beforeEach(resetEmulator);
  afterEach(() => {
    closeWindows();
    restoreStubs();
  });

  it('keeps SIDs, hashes and passwords out of the DOM, attributes and events', async () => {
    const opened = openWindows();
    const events = recordEvents();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);

    await clickAndWait(el, 'om-join-success').finally(events.stop);
    await el.updateComplete;

    const secrets = [...(await issued()), ...PASSWORDS];
    expect(secrets).to.have.length.of.at.least(4);
    expect(opened.windows[0].replaced[0]).to.contain(await firstHash());
    const seen = [visible(el), ...events.texts].join('\n');
    for (const secret of secrets) expect(seen).not.to.contain(secret);
  });

  it('keeps them out of a failed join too: message, status text and error state', async () => {
    openWindows();
    const events = recordEvents();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1">Join</om-join-button>
    `);

    const failure = await clickAndWait(el, 'om-join-error').finally(events.stop);
    await el.updateComplete;

    expect(failure.detail.code).to.equal('bad-credentials');
    expect(part(el, 'status')!.textContent!.trim()).not.to.equal('');
    const seen = [visible(el), ...events.texts].join('\n');
    for (const secret of [...(await issued()), ...PASSWORDS]) expect(seen).not.to.contain(secret);
  });

  it('never shows a SID that the endpoint hands to the browser', async () => {
    const opened = openWindows();
    const sid = await apiSid();
    const events = recordEvents();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/sid" base-url="/openmeetings" room-id="1"
        >Join</om-join-button
      >
    `);
    el.fetch = sidEndpoint(sid);

    await clickAndWait(el, 'om-join-success').finally(events.stop);
    await el.updateComplete;

    expect(opened.windows[0].replaced[0]).to.match(/\/openmeetings\/hash\?secure=/);
    const seen = [visible(el), ...events.texts].join('\n');
    for (const secret of await issued()) expect(seen).not.to.contain(secret);
  });

  it('never shows a SID that OpenMeetings refused, even in the error', async () => {
    openWindows();
    const sid = crypto.randomUUID();
    const events = recordEvents();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/sid" base-url="/openmeetings" room-id="1"
        >Join</om-join-button
      >
    `);
    el.fetch = sidEndpoint(sid);

    const failure = await clickAndWait(el, 'om-join-error').finally(events.stop);
    await el.updateComplete;

    expect(failure.detail.code).to.equal('not-allowed');
    expect(failure.detail.message).to.contain('HTTP 500');
    const seen = [visible(el), ...events.texts].join('\n');
    expect(seen).not.to.contain(sid);
  });

  // The room URL has to reach the visitor somehow: when the window is blocked, the link is the
  // way, and with target="iframe" the frame is. Nowhere else.
  it('puts the hash only into the "Open the meeting" link when the window is blocked', async () => {
    openWindows(true);
    const events = recordEvents();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);

    await clickAndWait(el, 'om-join-blocked').finally(events.stop);
    await el.updateComplete;

    const hash = await firstHash();
    expect(part(el, 'link')!.getAttribute('href')).to.contain(hash);
    expect(occurrences([visible(el), ...events.texts].join('\n'), hash)).to.equal(1);
    const sids = (await issued()).filter((secret) => secret !== hash);
    for (const sid of sids) expect(visible(el)).not.to.contain(sid);
  });

  it('puts the hash only into the frame for target="iframe"', async () => {
    const events = recordEvents();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1" target="iframe"
        >Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-success').finally(events.stop);
    await el.updateComplete;

    const hash = await firstHash();
    expect(part(el, 'frame')!.getAttribute('src')).to.contain(hash);
    expect(occurrences([visible(el), ...events.texts].join('\n'), hash)).to.equal(1);
  });
});
