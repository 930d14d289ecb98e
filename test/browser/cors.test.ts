import {expect, fixture, html} from '@open-wc/testing';
import '../../src/element/define.js';
import type {EmulatorLogEntry} from '../../src/emulator/index.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {clickAndWait, part, restoreStubs, stubWindowOpen} from './support.js';

// The emulators here listen on ports of their own (web-test-runner.config.mjs), so the test page
// is cross-origin to them. All but `unset` have rest.allow.origin set to the page's origin.

interface SeenRequest {
  method: string;
  path: string;
  headers: string[];
  type?: string;
}

interface CrossOriginEmulator {
  url: string;
  allowOrigin: string | null;
  requests: SeenRequest[];
  log: EmulatorLogEntry[];
}

type Name = '9.1.0' | '8.1.0' | '6.2.0' | 'unset';

async function crossOrigin(name: Name): Promise<CrossOriginEmulator> {
  const response = await window.fetch('/_test/cross-origin');

  return ((await response.json()) as Record<Name, CrossOriginEmulator>)[name];
}

/** A cross-origin room page, read through the dev server, which may read it. */
async function crossOriginRoom(url: string): Promise<DOMStringMap | 'invalid'> {
  const response = await window.fetch(`/_test/cross-origin/page?url=${encodeURIComponent(url)}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const room = page.querySelector<HTMLElement>('#room');
  if (room) return room.dataset;
  if (page.querySelector('#invalid-hash')) return 'invalid';

  throw new Error(`${url} shows neither a room nor the invalid-hash dialog`);
}

// What a browser may add to a simple request by itself; anything else would need a preflight.
const BROWSER_HEADERS = new RegExp(
  '^(accept|accept-encoding|accept-language|connection|content-length|content-type|host|origin|' +
    'referer|sec-[a-z-]+|user-agent)$',
);

function expectSimpleRequests(requests: SeenRequest[]): void {
  expect(requests.map((request) => request.method)).not.to.include('OPTIONS');
  for (const request of requests) {
    expect(request.headers.filter((name) => !BROWSER_HEADERS.test(name))).to.deep.equal([]);
    if (request.method === 'POST') {
      expect(request.type).to.match(/^application\/x-www-form-urlencoded/);
    }
  }
}

async function joinButton(url: string, account = 'soapuser', password = '!HansHans1') {
  return fixture<OmJoinButton>(html`
    <om-join-button base-url=${url} om-user=${account} om-password=${password} room-id="5"
      external-id="x-1" external-type="wtr-cors" firstname="Xena">Join</om-join-button
    >
  `);
}

describe('om-join-button same-origin mode across origins', () => {
  beforeEach(() => window.fetch('/_test/emulators/reset', {method: 'POST'}));
  afterEach(restoreStubs);

  const flows: Array<[Name, string[]]> = [
    ['9.1.0', ['POST /openmeetings/services/user/login', 'POST /openmeetings/services/user/hash']],
    [
      '8.1.0',
      [
        'POST /openmeetings/services/user/login',
        'GET /openmeetings/services/user/login',
        'POST /openmeetings/services/user/hash',
      ],
    ],
    [
      '6.2.0',
      [
        'POST /openmeetings/services/user/login',
        'GET /openmeetings/services/user/login',
        'POST /openmeetings/services/user/hash',
      ],
    ],
  ];
  for (const [name, expected] of flows) {
    it(`joins OpenMeetings ${name} on another origin with simple requests only`, async () => {
      const om = await crossOrigin(name);
      expect(om.url).not.to.equal(undefined);
      expect(new URL(om.url).origin).not.to.equal(location.origin);
      expect(om.allowOrigin).to.equal(location.origin);
      const opened = stubWindowOpen();
      const el = await joinButton(om.url);

      await clickAndWait(el, 'om-join-success');

      const after = await crossOrigin(name);
      expect(after.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal(
        expected,
      );
      expectSimpleRequests(after.requests);
      const url = opened.windows[0].replaced[0];
      expect(url.startsWith(`${om.url}/hash?secure=`)).to.equal(true);
      expect(await crossOriginRoom(url)).to.include({roomId: '5', user: 'Xena', externalId: 'x-1'});
    });
  }

  it('reports a readable network error at once when rest.allow.origin is unset', async () => {
    const om = await crossOrigin('unset');
    expect(om.allowOrigin).to.equal(null);
    stubWindowOpen();
    const el = await joinButton(om.url);

    const failure = await clickAndWait(el, 'om-join-error');

    expect(failure.detail.code).to.equal('network');
    expect(failure.detail.message).to.contain('OpenMeetings login failed');
    expect(failure.detail.message).to.contain(`(POST ${om.url}/services/user/login)`);
    expect(failure.detail.message).not.to.contain('!HansHans1');
    await el.updateComplete;
    expect(el.getAttribute('error')).to.equal('network');
    expect(el.hasAttribute('busy')).to.equal(false);
    expect(part(el, 'status')!.textContent).to.match(/\S/);
    // The simple POST still ran on OpenMeetings; only its answer was hidden (protocol §10.1).
    const after = await crossOrigin('unset');
    expectSimpleRequests(after.requests);
    const outcomes = after.log.map((entry) => entry.kind === 'login' && entry.outcome);
    expect(outcomes).to.deep.equal(['success']);
  });

  it('reads a 6.3+ refusal across origins and names the missing SOAP right', async () => {
    const om = await crossOrigin('9.1.0');
    stubWindowOpen();
    const el = await joinButton(om.url, 'viewer', 'Viewer-1');

    const failure = await clickAndWait(el, 'om-join-error');

    expect(failure.detail.code).to.equal('not-allowed');
    expect(failure.detail.message).to.contain('lacks the SOAP right');
    const after = await crossOrigin('9.1.0');
    expect(after.log.filter((entry) => entry.kind === 'login')).to.have.length(2);
    expectSimpleRequests(after.requests);
  });

  it('reports a readable error for a 6.2 refusal, whose page lacks the CORS header', async () => {
    const om = await crossOrigin('6.2.0');
    stubWindowOpen();
    const el = await joinButton(om.url, 'viewer', 'Viewer-1');

    const failure = await clickAndWait(el, 'om-join-error');

    expect(failure.detail.code).to.equal('network');
    expect(failure.detail.message).to.contain('OpenMeetings hash request failed');
    expect(failure.detail.message).to.contain(`(POST ${om.url}/services/user/hash)`);
    const after = await crossOrigin('6.2.0');
    const refused = after.log.flatMap((entry) => (entry.kind === 'hash' ? [entry.status] : []));
    expect(refused).to.deep.equal([500]);
  });
});
