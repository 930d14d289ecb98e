import {expect, fixture, html} from '@open-wc/testing';
import '../../src/element/define.js';
import {localeFor} from '../../src/element/i18n.js';
import {nearestLang, resolveLanguage} from '../../src/element/language.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  part,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  shadowButton,
  stub,
  stubWindowOpen,
} from './support.js';

/** The language id the element sent to the token endpoint, or undefined when it sent none. */
async function languageSent(el: OmJoinButton): Promise<number | undefined> {
  stubWindowOpen();
  const recorder = recordingFetch();
  el.fetch = recorder.fetch;
  await clickAndWait(el, 'om-join-success');

  return JSON.parse(recorder.requests[0].body).language;
}

describe('om-join-button languages', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);

  it('speaks German under lang="de": label, busy text and error text', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const wrapper = await fixture(html`
      <div lang="de">
        <om-join-button token-endpoint="/api/om/join-broken" room-id="1"></om-join-button>
      </div>
    `);
    const el = wrapper.querySelector('om-join-button')!;
    el.fetch = recorder.fetch;
    expect(shadowButton(el).textContent!.trim()).to.equal('An der Besprechung teilnehmen');

    const failed = clickAndWait(el, 'om-join-error');
    await el.updateComplete;
    expect(part(el, 'status')!.textContent).to.equal('Verbinde…');
    recorder.release();
    await failed;
    await el.updateComplete;

    const refused = 'Der Besprechungsserver hat den Zugang verweigert.';
    expect(part(el, 'status')!.textContent).to.equal(refused);
    expect(part(el, 'status')!.lang).to.equal('de');
  });

  it('speaks Arabic right to left under lang="ar"', async () => {
    const el = await fixture<OmJoinButton>(html`
      <om-join-button lang="ar" token-endpoint="/api/om/join" room-id="1"></om-join-button>
    `);

    expect(shadowButton(el).textContent!.trim()).to.equal('الانضمام إلى الاجتماع');
    expect(getComputedStyle(shadowButton(el)).direction).to.equal('rtl');
    expect(await languageSent(el)).to.equal(14);
  });

  it('follows a change of its own lang attribute', async () => {
    const el = await fixture<OmJoinButton>(html`
      <om-join-button lang="es" token-endpoint="/api/om/join" room-id="1"></om-join-button>
    `);
    expect(shadowButton(el).textContent!.trim()).to.equal('Unirse a la reunión');

    el.lang = 'he';
    await el.updateComplete;

    expect(shadowButton(el).textContent!.trim()).to.equal('הצטרפות לפגישה');
    expect(getComputedStyle(shadowButton(el)).direction).to.equal('rtl');
  });

  it('finds lang on a host outside the shadow root it sits in', async () => {
    const host = await fixture(html`<div lang="pl"></div>`);
    const root = host.attachShadow({mode: 'open'});
    const el = document.createElement('om-join-button');
    root.append(el);
    await el.updateComplete;

    expect(nearestLang(el)).to.equal('pl');
    expect(shadowButton(el).textContent!.trim()).to.equal('Dołącz do spotkania');
  });

  it('lets the language attribute win over lang, and passes ids above 39 through', async () => {
    const el = await fixture<OmJoinButton>(html`
      <om-join-button lang="de" language="4" token-endpoint="/api/om/join" room-id="1"
      ></om-join-button>
    `);

    expect(shadowButton(el).textContent!.trim()).to.equal('Rejoindre la réunion');
    expect(await languageSent(el)).to.equal(4);
    restoreStubs();
    el.language = '45';
    expect(await languageSent(el)).to.equal(45);
  });

  it('falls back to the browser languages and leaves language out when none is known', async () => {
    stub(navigator, 'languages', ['xx', 'ja-JP']);
    const el = await fixture<OmJoinButton>(html`
      <om-join-button lang="tlh" token-endpoint="/api/om/join" room-id="1"></om-join-button>
    `);
    expect(shadowButton(el).textContent!.trim()).to.equal('会議に参加');
    expect(await languageSent(el)).to.equal(15);

    restoreStubs();
    stub(navigator, 'languages', ['xx']);
    expect(await languageSent(el)).to.equal(undefined);
  });

  it('never asks for language 3 unless it is given by number', () => {
    const el = document.createElement('div');
    el.lang = 'de-DE';

    expect(resolveLanguage(el).id).to.equal(2);
    expect(resolveLanguage(el, 3)).to.include({id: 3, locale: 'de'});
  });

  it('maps tags to the locales it has strings for', () => {
    expect(localeFor('zh-Hant-HK')).to.equal('zh-TW');
    expect(localeFor('zh')).to.equal('zh-CN');
    expect(localeFor('pt-BR')).to.equal('pt');
    expect(localeFor('iw')).to.equal('he');
    expect(localeFor('ko')).to.equal('en');
    expect(localeFor('constructor')).to.equal('en');
  });

  it('uses busy-text, error-text and its own content instead of the built-in strings', async () => {
    stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1" busy-text="One moment"
        error-text="No luck today">Enter the <b>lobby</b></om-join-button
      >
    `);
    el.fetch = recorder.fetch;

    const failed = clickAndWait(el, 'om-join-error');
    await el.updateComplete;
    expect(part(el, 'status')!.textContent).to.equal('One moment');
    recorder.release();
    await failed;
    await el.updateComplete;

    expect(part(el, 'status')!.textContent).to.equal('No luck today');
    expect(part(el, 'label')!.textContent).to.equal('');
  });

  it('shows the built-in label when its content is only white space', async () => {
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1">
      </om-join-button>
    `);

    expect(shadowButton(el).textContent!.trim()).to.equal('Join the meeting');
  });
});
