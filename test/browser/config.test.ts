import {expect, fixture, html} from '@open-wc/testing';
import {html as staticHtml, unsafeStatic} from 'lit/static-html.js';
import {parseConfig, readFlag, validate} from '../../src/element/config.js';
import {devMode} from '../../src/element/dev.js';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  emulatorLog,
  part,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  stub,
  stubWindowOpen,
} from './support.js';

const account = 'om-user="soapuser" om-password="!HansHans1" external-id="u1" external-type="cms"';
const base = 'base-url="/openmeetings" room-id="1"';

// Each row: the attributes, and the attribute the error must name.
const badConfigurations: Array<[string, string]> = [
  ['token-endpoint="/api/om/join"', 'room-id'],
  ['room-id="1"', 'token-endpoint'],
  ['token-endpoint="/api/om/join" room-id="abc"', 'room-id'],
  ['token-endpoint="/api/om/join" room-id="-3"', 'room-id'],
  ['token-endpoint="/api/om/join" room-id="0"', 'room-id'],
  ['token-endpoint="/api/om/join" room-id="99999999999999999999"', 'room-id'],
  ['token-endpoint="/api/om/join" room-id="0x10"', 'room-id'],
  ['token-endpoint="/api/om/join" room-id="1" target="popup"', 'target'],
  ['token-endpoint="/api/om/join" room-id="1" blocked="ignore"', 'blocked'],
  ['token-endpoint="/api/om/join" room-id="1" language="de"', 'language'],
  ['token-endpoint="javascript:alert(1)" room-id="1"', 'token-endpoint'],
  ['token-endpoint="data:text/plain,hi" room-id="1"', 'token-endpoint'],
  ['token-endpoint="/api/om/join" base-url="javascript:alert(1)" room-id="1"', 'base-url'],
  [`base-url="javascript:alert(1)" room-id="1" ${account}`, 'base-url'],
  [`base-url="data:text/html,hi" room-id="1" ${account}`, 'base-url'],
  [`${base} om-password="x" external-id="u1" external-type="cms"`, 'om-user'],
  [`${base} om-user="soapuser" external-id="u1" external-type="cms"`, 'om-password'],
  [`${base} om-user="soapuser" om-password="x" external-type="cms"`, 'external-id'],
  [`${base} om-user="soapuser" om-password="x" external-id="u1"`, 'external-type'],
];

describe('om-join-button configuration', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);

  for (const [attributes, field] of badConfigurations) {
    it(`names ${field}, sends nothing and opens nothing for: ${attributes}`, async () => {
      const opened = stubWindowOpen();
      const recorder = recordingFetch();
      const tag = staticHtml`<om-join-button ${unsafeStatic(attributes)}>Join</om-join-button>`;
      const el = await fixture<OmJoinButton>(tag);
      el.fetch = recorder.fetch;

      const failure = await clickAndWait(el, 'om-join-error');
      await el.updateComplete;

      expect(failure.detail.code).to.equal('config');
      expect(failure.detail.error.field).to.equal(field);
      expect(failure.detail.message).to.match(new RegExp(`^${field}: `));
      expect(part(el, 'status')!.textContent).to.contain(`(${field})`);
      expect(el.getAttribute('error')).to.equal('config');
      expect(opened.calls).to.deep.equal([]);
      expect(recorder.requests).to.deep.equal([]);
      expect(await emulatorLog()).to.deep.equal([]);
    });
  }

  it('fires no om-join-start for a bad configuration', async () => {
    stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`<om-join-button room-id="1">Join</om-join-button>`);
    let started = false;
    el.addEventListener('om-join-start', () => (started = true));

    await clickAndWait(el, 'om-join-error');

    expect(started).to.equal(false);
  });

  it('validate() returns the first problem, or undefined for a usable configuration', async () => {
    const el = await fixture<OmJoinButton>(html`<om-join-button target="nope"></om-join-button>`);

    expect(el.validate()?.field).to.equal('target');
    el.removeAttribute('target');
    expect(el.validate()?.field).to.equal('room-id');
    el.setAttribute('room-id', '7');
    expect(el.validate()?.field).to.equal('token-endpoint');
    el.setAttribute('token-endpoint', '/api/om/join');
    expect(el.validate()).to.equal(undefined);
  });

  it('resolves relative URLs against document.baseURI', () => {
    const config = parseConfig(
      {tokenEndpoint: 'api/join?site=1', baseUrl: '../om/', roomId: '5'},
      'https://www.example.org/pages/intro.html',
    );

    expect(config).to.include({
      mode: 'token',
      endpoint: 'https://www.example.org/pages/api/join?site=1',
      baseUrl: 'https://www.example.org/om',
    });
  });

  it('never reads om-user or om-password in token mode', () => {
    const attrs = {tokenEndpoint: '/join', roomId: '1'};
    const secret = {
      ...attrs,
      get omUser(): string {
        throw new Error('om-user was read');
      },
      get omPassword(): string {
        throw new Error('om-password was read');
      },
    };

    expect(validate(secret, 'https://www.example.org/')).to.equal(undefined);
  });

  it('builds the OpenMeetings user and options in same-origin mode', () => {
    const config = parseConfig(
      {
        baseUrl: 'https://om.example.org/openmeetings',
        omUser: 'soapuser',
        omPassword: 'pw',
        externalId: 'u1',
        externalType: 'cms',
        externalRoomId: 'r-9',
        firstname: ' Ada ',
        email: '',
        moderator: true,
      },
      'https://www.example.org/',
    );

    expect(config.mode).to.equal('same-origin');
    if (config.mode !== 'same-origin') return;
    expect(config.user).to.deep.equal({externalId: 'u1', externalType: 'cms', firstname: 'Ada'});
    expect(config.options).to.deep.equal({
      externalRoomId: 'r-9',
      externalType: 'cms',
      moderator: true,
    });
  });

  it('reads "false" as false and any other present value as true', () => {
    expect(readFlag(null)).to.equal(false);
    expect(readFlag('false')).to.equal(false);
    expect(readFlag(' FALSE ')).to.equal(false);
    expect(readFlag('')).to.equal(true);
    expect(readFlag('moderator')).to.equal(true);
  });

  it('joins with disabled="false" and asks for no moderator with moderator="false"', async () => {
    stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button base-url="/openmeetings" om-user="soapuser" om-password="!HansHans1"
        external-id="u1" external-type="cms" room-id="1" disabled="false" moderator="false"
        >Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-success');

    const [hash] = (await emulatorLog()).filter((entry) => entry.kind === 'hash');
    expect(hash.kind === 'hash' && hash.options?.moderator).to.equal(false);
  });

  it('ignores activation while disabled but stays in the tab order', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1" disabled>Join</om-join-button>
    `);
    let started = false;
    el.addEventListener('om-join-start', () => (started = true));
    const button = el.shadowRoot!.querySelector('button')!;

    button.click();
    await el.join();

    expect(started).to.equal(false);
    expect(opened.calls).to.deep.equal([]);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.disabled).to.equal(false);
    expect(button.tabIndex).to.equal(0);
  });
});

describe('om-join-button dev warnings', () => {
  afterEach(restoreStubs);

  it('warns once per element, in dev builds only, that om-password is readable', async () => {
    const warnings: unknown[][] = [];
    stub(console, 'warn', (...args: unknown[]) => void warnings.push(args));
    const el = await fixture<OmJoinButton>(html`
      <om-join-button base-url="/openmeetings" om-user="soapuser" om-password="one"
      ></om-join-button>
    `);
    expect(warnings).to.deep.equal([]);

    stub(devMode, 'warnings', true);
    el.setAttribute('om-password', 'two');
    await el.updateComplete;
    el.setAttribute('om-password', 'three');
    await el.updateComplete;

    expect(warnings).to.have.length(1);
    expect(warnings[0][0]).to.contain('om-password').and.not.contain('three');
    expect(warnings[0][1]).to.equal(el);
  });
});
