import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  emulatorLog,
  part,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  shadowButton,
  stub,
  stubWindowOpen,
} from './support.js';

describe('om-join-button states', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);

  it('lets an om-join-error listener start the next join at once', async () => {
    stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1">Join</om-join-button>
    `);
    el.addEventListener(
      'om-join-error',
      () => {
        el.tokenEndpoint = '/api/om/join';
        void el.join();
      },
      {once: true},
    );

    await clickAndWait(el, 'om-join-success');
  });

  it('sends one request and opens one window for a double click plus Enter', async () => {
    const opened = stubWindowOpen();
    const recorder = recordingFetch();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    el.fetch = recorder.fetch;
    const success = oneEvent(el, 'om-join-success');

    shadowButton(el).click();
    shadowButton(el).click();
    shadowButton(el).focus();
    await sendKeys({press: 'Enter'});
    await success;

    expect(recorder.requests).to.have.length(1);
    expect(opened.calls).to.have.length(1);
  });

  it('shows busy state with aria-busy and a spinner while the request runs', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    el.fetch = recorder.fetch;
    const success = oneEvent(el, 'om-join-success');

    shadowButton(el).click();
    await el.updateComplete;

    expect(el.hasAttribute('busy')).to.equal(true);
    expect(shadowButton(el).getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'spinner')!.hidden).to.equal(false);
    expect(part(el, 'status')!.textContent).to.equal('Joining…');
    recorder.release();
    await success;
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.equal(false);
    expect(shadowButton(el).hasAttribute('aria-busy')).to.equal(false);
    expect(part(el, 'spinner')!.hidden).to.equal(true);
  });

  it('shows a short text in the live region and fires om-join-error on failure', async () => {
    stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1">Join</om-join-button>
    `);

    const failure = await clickAndWait(el, 'om-join-error');
    await el.updateComplete;

    expect(failure.detail.code).to.equal('bad-credentials');
    expect(failure.detail.error.name).to.equal('OmError');
    expect(failure.detail.message).to.equal(failure.detail.error.message);
    expect(el.getAttribute('error')).to.equal('bad-credentials');
    const status = part(el, 'status')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.textContent).to.equal('The meeting server refused access.');
  });

  it('clears the error state when the next join succeeds', async () => {
    stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1">Join</om-join-button>
    `);
    await clickAndWait(el, 'om-join-error');

    el.tokenEndpoint = '/api/om/join';
    await clickAndWait(el, 'om-join-success');
    await el.updateComplete;

    expect(el.hasAttribute('error')).to.equal(false);
    expect(el.lastError).to.equal(undefined);
    expect(part(el, 'status')!.textContent).to.equal('');
  });

  it('closes the placeholder window when the join fails', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1">Join</om-join-button>
    `);

    await clickAndWait(el, 'om-join-error');

    expect(opened.windows[0].closed).to.equal(true);
    expect(opened.windows[0].replaced).to.deep.equal([]);
  });

  it('sends nothing and opens nothing when om-join-start is cancelled', async () => {
    const opened = stubWindowOpen();
    const recorder = recordingFetch();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    el.fetch = recorder.fetch;
    el.addEventListener('om-join-start', (event) => event.preventDefault());
    const started = oneEvent(el, 'om-join-start');

    shadowButton(el).click();
    const start = await started;
    await el.updateComplete;

    expect(start.cancelable).to.equal(true);
    expect(opened.calls).to.deep.equal([]);
    expect(recorder.requests).to.deep.equal([]);
    expect(el.busy).to.equal(false);
    expect(await emulatorLog()).to.deep.equal([]);
  });

  it('refuses a room URL outside the configured OpenMeetings origin', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" base-url="http://127.0.0.1:9/openmeetings"
        room-id="1">Join</om-join-button
      >
    `);

    const failure = await clickAndWait(el, 'om-join-error');

    expect(failure.detail.code).to.equal('refused');
    expect(failure.detail.message).to.contain('http://127.0.0.1:9').and.not.contain('secure=');
    expect(opened.windows[0].closed).to.equal(true);
  });

  it('starts no second join from an om-join-start listener', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    el.addEventListener('om-join-start', () => void el.join());

    await clickAndWait(el, 'om-join-success');

    expect(opened.calls).to.have.length(1);
  });

  it('keeps one click handler after being moved around the DOM', async () => {
    const wrapper = await fixture(html`<div><section></section><section></section></div>`);
    const el = document.createElement('om-join-button');
    const [first, second] = wrapper.querySelectorAll('section');
    first.append(el);
    second.append(el);
    first.append(el);
    await el.updateComplete;
    let joins = 0;
    stub(el, 'join', async () => void joins++);

    shadowButton(el).click();

    expect(joins).to.equal(1);
  });

  it('opens the window before the token request resolves', async () => {
    const opened = stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
    `);
    el.fetch = recorder.fetch;
    const success = oneEvent(el, 'om-join-success');

    shadowButton(el).click();

    expect(opened.calls).to.have.length(1);
    expect(opened.windows[0].replaced).to.deep.equal([]);
    recorder.release();
    await success;
    expect(opened.windows[0].replaced).to.have.length(1);
  });
});
