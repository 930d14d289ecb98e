import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia, executeServerCommand, sendKeys} from '@web/test-runner-commands';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  part,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  shadowButton,
  stubWindowOpen,
} from './support.js';

function joinButton(endpoint = '/api/om/join') {
  return fixture<OmJoinButton>(html`
    <om-join-button token-endpoint=${endpoint} room-id="1">Join the team call</om-join-button>
  `);
}

describe('om-join-button accessibility', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);
  afterEach(() => emulateMedia({reducedMotion: 'no-preference'}));
  afterEach(() => executeServerCommand('om-forced-colors', {active: false}));

  it('passes the audit when idle, and takes its name from the slotted label', async () => {
    const el = await joinButton();

    await expect(el).to.be.accessible();
    expect(shadowButton(el).tagName).to.equal('BUTTON');
    expect(el.shadowRoot!.delegatesFocus).to.equal(true);
  });

  it('passes the audit while busy', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const el = await joinButton();
    el.fetch = recorder.fetch;
    const done = clickAndWait(el, 'om-join-success');
    await el.updateComplete;

    try {
      expect(el.busy).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      recorder.release();
      await done;
    }
  });

  it('passes the audit with an error shown', async () => {
    stubWindowOpen();
    const el = await joinButton('/api/om/join-broken');
    await clickAndWait(el, 'om-join-error');
    await el.updateComplete;

    await expect(el).to.be.accessible();
    expect(shadowButton(el).getAttribute('aria-describedby')).to.equal('status');
  });

  it('passes the audit when disabled', async () => {
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1" disabled>Join</om-join-button>
    `);

    await expect(el).to.be.accessible();
  });

  it('passes the audit with the "Open the meeting" link and around a wrapped link', async () => {
    stubWindowOpen(true);
    const el = await joinButton();
    await clickAndWait(el, 'om-join-blocked');
    await el.updateComplete;
    const wrapped = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1"
        ><a href="/rooms/1">Join</a></om-join-button
      >
    `);

    await expect(el).to.be.accessible();
    await expect(wrapped).to.be.accessible();
  });

  it('draws a focus ring when focused from the keyboard', async () => {
    const el = await joinButton();

    await sendKeys({press: 'Tab'});

    expect(el.shadowRoot!.activeElement).to.equal(shadowButton(el));
    expect(getComputedStyle(shadowButton(el)).outlineStyle).to.equal('solid');
  });

  it('stops the spinner for prefers-reduced-motion', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const el = await joinButton();
    el.fetch = recorder.fetch;
    const done = clickAndWait(el, 'om-join-success');
    await el.updateComplete;
    const spinner = part(el, 'spinner')!;

    try {
      expect(getComputedStyle(spinner).animationName).to.equal('om-join-spin');
      await emulateMedia({reducedMotion: 'reduce'});
      expect(getComputedStyle(spinner).animationName).to.equal('none');
    } finally {
      recorder.release();
      await done;
    }
  });

  it('takes its colours and shape from the custom properties', async () => {
    const wrapper = await fixture(html`
      <div style="--om-join-background: rgb(1, 2, 3); --om-join-color: rgb(250, 251, 252);
        --om-join-radius: 9px; --om-join-padding: 3px 7px">
        <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
      </div>
    `);
    const style = getComputedStyle(shadowButton(wrapper.querySelector('om-join-button')!));

    expect(style.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(style.color).to.equal('rgb(250, 251, 252)');
    expect(style.borderTopLeftRadius).to.equal('9px');
    expect(style.paddingLeft).to.equal('7px');
  });

  it('picks lighter colours on a page with color-scheme: dark', async () => {
    const wrapper = await fixture(html`
      <div>
        <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
        <div style="color-scheme: dark">
          <om-join-button token-endpoint="/api/om/join" room-id="1">Join</om-join-button>
        </div>
      </div>
    `);
    const [light, dark] = [...wrapper.querySelectorAll('om-join-button')].map(
      (el) => getComputedStyle(shadowButton(el)).backgroundColor,
    );

    expect(light).to.equal('rgb(26, 91, 184)');
    expect(dark).to.equal('rgb(156, 195, 255)');
  });

  it('keeps a visible button border in forced colors mode', async () => {
    const el = await joinButton();

    await executeServerCommand('om-forced-colors', {active: true});

    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    expect(getComputedStyle(shadowButton(el)).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(shadowButton(el)).borderTopColor).not.to.equal('rgba(0, 0, 0, 0)');
  });
});
