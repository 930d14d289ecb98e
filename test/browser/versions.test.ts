import {expect, fixture, html} from '@open-wc/testing';
import '../../src/element/define.js';
import type {EmulatorLogEntry} from '../../src/emulator/index.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {clickAndWait, restoreStubs, roomPage, stubWindowOpen} from './support.js';

// Each version's emulator is mounted on the test page's origin by web-test-runner.config.mjs.
const VERSIONS: Array<[version: string, base: string, endpoint: string]> = [
  ['9.1.0', '/openmeetings', '/api/om/join'],
  ['8.1.0', '/om81/openmeetings', '/api/om81/join'],
  ['6.2.0', '/om62/openmeetings', '/api/om62/join'],
];

async function resetEmulators(): Promise<void> {
  await window.fetch('/_test/emulators/reset', {method: 'POST'});
}

/** The emulator's inspection route, read over HTTP. */
async function inspect(base: string): Promise<EmulatorLogEntry[]> {
  const response = await window.fetch(`${base}/_emulator/log`);

  return response.json();
}

/** A fetch that holds every request until `parties` requests wait, so joins overlap for sure. */
function barrierFetch(parties: number): typeof fetch {
  let waiting = 0;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));

  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    waiting += 1;
    if (waiting === parties) open();
    await gate;

    return window.fetch(input, init);
  }) as typeof fetch;
}

for (const [version, base, endpoint] of VERSIONS) {
  describe(`om-join-button against OpenMeetings ${version}`, () => {
    beforeEach(resetEmulators);
    afterEach(restoreStubs);

    it('joins in same-origin mode and the room shows the visitor', async () => {
      const opened = stubWindowOpen();
      const el = await fixture<OmJoinButton>(html`
        <om-join-button base-url=${base} om-user="soapuser" om-password="!HansHans1"
          room-id="2" external-id="v-7" external-type="wtr-cms" firstname="Vera" lastname="Ng"
          language="4">Join</om-join-button
        >
      `);

      await clickAndWait(el, 'om-join-success');

      const url = new URL(opened.windows[0].replaced[0]);
      expect(url.origin + url.pathname).to.equal(`${location.origin}${base}/hash`);
      const room = await roomPage(url.href);
      expect(room).to.include({roomId: '2', user: 'Vera Ng', externalId: 'v-7', language: '4'});
      const kinds = (await inspect(base)).map((entry) => entry.kind);
      expect(kinds).to.deep.equal(['login', 'hash', 'redemption']);
    });

    it('joins in token mode and the room shows the visitor', async () => {
      const opened = stubWindowOpen();
      const el = await fixture<OmJoinButton>(html`
        <om-join-button token-endpoint=${endpoint} base-url=${base} room-id="3" firstname="Tom"
          >Join</om-join-button
        >
      `);

      await clickAndWait(el, 'om-join-success');

      const room = await roomPage(opened.windows[0].replaced[0]);
      expect(room).to.include({roomId: '3', user: 'Tom'});
    });

    it('keeps two visitors who click at once apart, as the inspection route shows', async () => {
      const opened = stubWindowOpen();
      const wrapper = await fixture(html`
        <div>
          <om-join-button base-url=${base} om-user="soapuser" om-password="!HansHans1"
            room-id="4" external-id="ada" external-type="wtr-cms" firstname="Ada"
            >Ada</om-join-button
          >
          <om-join-button base-url=${base} om-user="soapuser" om-password="!HansHans1"
            room-id="4" external-id="bob" external-type="wtr-cms" firstname="Bob"
            >Bob</om-join-button
          >
        </div>
      `);
      const buttons = [...wrapper.querySelectorAll('om-join-button')];
      const overlapping = barrierFetch(2);
      for (const button of buttons) button.fetch = overlapping;

      await Promise.all(buttons.map((button) => clickAndWait(button, 'om-join-success')));

      const urls = opened.windows.map((win) => win.replaced[0]);
      const rooms = await Promise.all(urls.map((url) => roomPage(url)));
      const shown = rooms.map((room) => room !== 'invalid' && [room.externalId, room.user]);
      expect(shown).to.have.deep.members([
        ['ada', 'Ada'],
        ['bob', 'Bob'],
      ]);
      const log = await inspect(base);
      const made = log.flatMap((entry) => (entry.kind === 'hash' ? [entry] : []));
      expect(new Set(made.map((entry) => entry.sid)).size).to.equal(2);
      for (const url of urls) {
        const hash = new URL(url).searchParams.get('secure');
        const entry = made.find((candidate) => candidate.hash === hash);
        const redeemed = log.find((item) => item.kind === 'redemption' && item.hash === hash);
        expect(redeemed?.kind === 'redemption' && redeemed.user).to.equal(entry?.user?.firstname);
      }
    });
  });
}
