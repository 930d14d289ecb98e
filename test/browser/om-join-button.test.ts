import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  emulatorLog,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  roomPage,
  shadowButton,
  stubWindowOpen,
} from './support.js';

describe('om-join-button joining a room', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);

  it('enters the room through the token endpoint and the emulator in token mode', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="5" lang="fr" firstname="Ada"
        >Join</om-join-button
      >
    `);

    const success = await clickAndWait(el, 'om-join-success');

    expect(success.detail).to.deep.equal({mode: 'token', roomId: 5, target: 'window'});
    expect(opened.calls).to.deep.equal([{url: '', name: 'om-join-room'}]);
    const [win] = opened.windows;
    expect(win.opener).to.equal(null);
    expect(win.replaced).to.have.length(1);
    const url = new URL(win.replaced[0]);
    expect(url.origin + url.pathname).to.equal(`${location.origin}/openmeetings/hash`);
    expect(url.searchParams.get('language')).to.equal('4');
    const room = await roomPage(win.replaced[0]);
    expect(room).to.include({roomId: '5', language: '4'});
    expect((room as DOMStringMap).user).to.contain('Ada');
  });

  it('enters the room as the visitor its attributes describe in same-origin mode', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button
        base-url="/openmeetings"
        om-user="soapuser"
        om-password="!HansHans1"
        room-id="3"
        firstname="John"
        lastname="Doe"
        external-id="uid1"
        external-type="myCMS"
        moderator
        >Join</om-join-button
      >
    `);

    const success = await clickAndWait(el, 'om-join-success');

    expect(success.detail).to.deep.equal({mode: 'same-origin', roomId: 3, target: 'window'});
    const room = await roomPage(opened.windows[0].replaced[0]);
    expect(room).to.include({roomId: '3', user: 'John Doe', externalId: 'uid1', moderator: 'true'});
    const kinds = (await emulatorLog()).map((entry) => entry.kind);
    expect(kinds).to.deep.equal(['login', 'hash', 'redemption']);
  });

  it('sends only simple requests in same-origin mode: form bodies, no custom headers', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button base-url="/openmeetings" om-user="soapuser" om-password="!HansHans1"
        room-id="3" external-id="uid1" external-type="myCMS">Join</om-join-button
      >
    `);
    el.fetch = recorder.fetch;

    await clickAndWait(el, 'om-join-success');

    expect(recorder.requests.map((r) => r.method)).to.deep.equal(['POST', 'POST']);
    const safelisted = ['accept', 'accept-language', 'content-language', 'content-type'];
    for (const request of recorder.requests) {
      const names = [...request.headers.keys()];
      expect(names.filter((name) => !safelisted.includes(name))).to.deep.equal([]);
      expect(request.headers.get('content-type')).to.match(/^application\/x-www-form-urlencoded/);
    }
    expect(recorder.requests[0].body).not.to.contain('sid=');
  });

  it('keeps the URL and the hash out of every event detail', async () => {
    stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    const details: string[] = [];
    const record = (event: Event) => {
      const {bubbles, composed, detail} = event as CustomEvent;
      details.push(JSON.stringify({bubbles, composed, detail}));
    };
    document.addEventListener('om-join-start', record);
    document.addEventListener('om-join-success', record);

    try {
      await clickAndWait(el, 'om-join-success');
    } finally {
      document.removeEventListener('om-join-start', record);
      document.removeEventListener('om-join-success', record);
    }

    expect(details).to.have.length(2);
    for (const detail of details) {
      expect(detail).to.contain('"bubbles":true,"composed":true');
      expect(detail).not.to.match(/secure|hash|http/);
    }
  });

  it('asks for language 2 when an ancestor has lang="de"', async () => {
    const opened = stubWindowOpen();
    const wrapper = await fixture(html`
      <div lang="de">
        <om-join-button token-endpoint="/api/om/join" room-id="2">Beitreten</om-join-button>
      </div>
    `);
    const el = wrapper.querySelector('om-join-button')!;

    await clickAndWait(el, 'om-join-success');

    const url = new URL(opened.windows[0].replaced[0]);
    expect(url.searchParams.get('language')).to.equal('2');
    expect(await roomPage(url.href)).to.include({language: '2'});
  });

  it('gives two visitors two SIDs, and each room page shows its own person', async () => {
    const opened = stubWindowOpen();
    const wrapper = await fixture(html`
      <div>
        <om-join-button base-url="/openmeetings" om-user="soapuser" om-password="!HansHans1"
          room-id="4" external-id="ada" external-type="myCMS" firstname="Ada">Ada</om-join-button
        >
        <om-join-button base-url="/openmeetings" om-user="soapuser" om-password="!HansHans1"
          room-id="4" external-id="bob" external-type="myCMS" firstname="Bob">Bob</om-join-button
        >
      </div>
    `);
    const [ada, bob] = wrapper.querySelectorAll('om-join-button');

    await clickAndWait(ada, 'om-join-success');
    await clickAndWait(bob, 'om-join-success');

    const log = await emulatorLog();
    const sids = log.flatMap((entry) => (entry.kind === 'hash' ? [entry.sid] : []));
    expect(sids).to.have.length(2);
    expect(sids[0]).not.to.equal(sids[1]);
    const [adaRoom, bobRoom] = await Promise.all(
      opened.windows.map((win) => roomPage(win.replaced[0])),
    );
    expect(adaRoom).to.include({externalId: 'ada', user: 'Ada'});
    expect(bobRoom).to.include({externalId: 'bob', user: 'Bob'});
  });

  it('joins a room with the keyboard alone: Tab, then Enter', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    const success = oneEvent(el, 'om-join-success');

    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement).to.equal(shadowButton(el));
    await sendKeys({press: 'Enter'});
    await success;

    expect(await roomPage(opened.windows[0].replaced[0])).to.include({roomId: '1'});
  });

  it('asks for a fresh hash on every activation', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);

    await clickAndWait(el, 'om-join-success');
    await clickAndWait(el, 'om-join-success');

    const [first, second] = opened.windows.map((win) =>
      new URL(win.replaced[0]).searchParams.get('secure'),
    );
    expect(first).to.be.a('string').and.not.equal(second);
    const hashes = (await emulatorLog()).filter((entry) => entry.kind === 'hash');
    expect(hashes).to.have.length(2);
  });
});
