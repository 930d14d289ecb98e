import {expect, fixture, html} from '@open-wc/testing';
import {html as staticHtml, unsafeStatic} from 'lit/static-html.js';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  clickAndWait,
  emulatorLog,
  part,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  stubWindowOpen,
  type FakeWindow,
} from './support.js';

const token = 'token-endpoint="/api/om/join"';
const account = 'om-user="soapuser" om-password="!HansHans1" external-id="u1" external-type="cms"';
const sameOrigin = 'base-url="/openmeetings" room-id="1"';

interface BadInput {
  /** Attributes of the element, or properties set from script. */
  attributes?: string;
  properties?: Partial<Record<keyof OmJoinButton, unknown>>;
  field: string;
}

const attrs = (attributes: string, field: string): BadInput => ({attributes, field});
const props = (properties: BadInput['properties'], field: string): BadInput => ({
  attributes: token,
  properties,
  field,
});

// Configurations the element refuses by itself. config.test.ts holds the first, shorter table.
const refusedByTheElement: BadInput[] = [
  attrs('token-endpoint="JaVaScRiPt:alert(1)" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="  javascript:alert(1)" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="java\tscript:alert(1)" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="vbscript:msgbox(1)" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="data:application/json,{}" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="blob:https://www.example.org/5b1c" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="file:///etc/passwd" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="ftp://www.example.org/join" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="https://user:pw@www.example.org/join" room-id="1"', 'token-endpoint'),
  attrs('token-endpoint="http://[::1" room-id="1"', 'token-endpoint'),
  attrs(`${token} base-url="data:text/html,hi" room-id="1"`, 'base-url'),
  attrs(`${token} base-url="ftp://om.example.org/openmeetings" room-id="1"`, 'base-url'),
  attrs(`${token} base-url="https://admin:pw@om.example.org/om" room-id="1"`, 'base-url'),
  attrs(`base-url="about:blank" room-id="1" ${account}`, 'base-url'),
  attrs(`base-url="file:///openmeetings" room-id="1" ${account}`, 'base-url'),
  attrs(`${token} room-id="1e3"`, 'room-id'),
  attrs(`${token} room-id="+5"`, 'room-id'),
  attrs(`${token} room-id="5.0"`, 'room-id'),
  attrs(`${token} room-id="٥"`, 'room-id'),
  attrs(`${token} room-id="５"`, 'room-id'),
  attrs(`${token} room-id="Infinity"`, 'room-id'),
  attrs(`${token} room-id="9007199254740992"`, 'room-id'),
  attrs(`${token} room-id="1 2"`, 'room-id'),
  attrs(`${token} external-room-id="   "`, 'room-id'),
  attrs(`${token} recording-id="-1"`, 'recording-id'),
  attrs(`${token} recording-id="abc"`, 'recording-id'),
  attrs(`${token} room-id="1" language="-1"`, 'language'),
  attrs(`${token} room-id="1" language="0"`, 'language'),
  attrs(`${token} room-id="1" language="1.5"`, 'language'),
  attrs(`${token} room-id="1" language="de-DE"`, 'language'),
  attrs(`${token} room-id="1" language="1234567890"`, 'language'),
  attrs(`${token} room-id="1" target="_top"`, 'target'),
  attrs(`${token} room-id="1" target="_parent"`, 'target'),
  attrs(`${token} room-id="1" target="WINDOW"`, 'target'),
  attrs(`${token} room-id="1" target="javascript:alert(1)"`, 'target'),
  attrs(`${token} room-id="1" blocked="NAVIGATE"`, 'blocked'),
  attrs(`${sameOrigin} om-user=" " om-password="x" external-id="u1" external-type="c"`, 'om-user'),
  attrs(`${sameOrigin} om-user="soapuser" om-password="x" external-id=" "`, 'external-id'),
  props({roomId: -1}, 'room-id'),
  props({roomId: 1.5}, 'room-id'),
  props({roomId: Number.NaN}, 'room-id'),
  props({roomId: Number.MAX_SAFE_INTEGER + 2}, 'room-id'),
  props({roomId: 1, tokenEndpoint: 'javascript:void 0'}, 'token-endpoint'),
  props({roomId: 1, language: -2}, 'language'),
];

// Requests the element sends, which the token endpoint refuses by field before OpenMeetings.
const refusedByTheEndpoint: BadInput[] = [
  props({roomId: 1, firstname: 'a'.repeat(65)}, 'firstname'),
  props({roomId: 1, lastname: 'Bell\u0007'}, 'lastname'),
  props({roomId: 1, firstname: 'Ada\ud800'}, 'firstname'),
  props({roomId: 1, language: 10000}, 'language'),
  props({externalRoomId: 'x'.repeat(200)}, 'externalRoomId'),
];

/** Fake windows, which the visitor closes when the test ends so that no later join reuses one. */
const stubs: Array<{windows: FakeWindow[]}> = [];

function openWindows() {
  const opened = stubWindowOpen();
  stubs.push(opened);

  return opened;
}

function closeWindows(): void {
  for (const {windows} of stubs.splice(0)) for (const win of windows) win.closed = true;
}

async function element(input: BadInput): Promise<OmJoinButton> {
  const attributes = unsafeStatic(input.attributes ?? '');
  const el = await fixture<OmJoinButton>(
    staticHtml`<om-join-button ${attributes}>Join</om-join-button>`,
  );
  Object.assign(el, input.properties);
  await el.updateComplete;

  return el;
}

const shown = (input: BadInput) =>
  input.attributes && !input.properties ? input.attributes : JSON.stringify(input.properties);

describe('om-join-button bad input', () => {
  beforeEach(resetEmulator);
  afterEach(() => {
    closeWindows();
    restoreStubs();
  });

  it(`has at least 30 bad configurations in its table (${refusedByTheElement.length})`, () => {
    expect(refusedByTheElement.length).to.be.at.least(30);
  });

  for (const input of refusedByTheElement) {
    it(`names ${input.field} and sends nothing for ${shown(input)}`, async () => {
      const opened = openWindows();
      const recorder = recordingFetch();
      const el = await element(input);
      el.fetch = recorder.fetch;

      const failure = await clickAndWait(el, 'om-join-error');
      await el.updateComplete;

      expect(failure.detail.code).to.equal('config');
      expect(failure.detail.error.field).to.equal(input.field);
      expect(failure.detail.message).to.match(new RegExp(`^${input.field}: `));
      expect(part(el, 'status')!.textContent).to.contain(`(${input.field})`);
      expect(opened.calls).to.deep.equal([]);
      expect(recorder.requests).to.deep.equal([]);
      expect(await emulatorLog()).to.deep.equal([]);
    });
  }

  for (const input of refusedByTheEndpoint) {
    it(`shows the endpoint's refusal of ${input.field}, which never reaches OM`, async () => {
      const opened = openWindows();
      const recorder = recordingFetch();
      const el = await element(input);
      el.fetch = recorder.fetch;

      const failure = await clickAndWait(el, 'om-join-error');
      await el.updateComplete;

      expect(failure.detail.code).to.equal('config');
      expect(failure.detail.error.status).to.equal(400);
      expect(failure.detail.error.field).to.equal(input.field);
      expect(failure.detail.message).to.match(new RegExp(`HTTP 400, ${input.field}: `));
      expect(part(el, 'status')!.textContent).to.contain(`(${input.field})`);
      expect(opened.windows[0].closed).to.equal(true);
      expect(recorder.requests).to.have.length(1);
      expect(await emulatorLog()).to.deep.equal([]);
    });
  }
});

describe('om-join-button with names in any script', () => {
  beforeEach(resetEmulator);
  afterEach(() => {
    closeWindows();
    restoreStubs();
  });

  const firstname = 'مريم';
  const lastname = '👩🏽‍💻 Ada';
  const sent = async () => {
    const [hash] = (await emulatorLog()).filter((entry) => entry.kind === 'hash');

    return hash.kind === 'hash' ? hash.user : undefined;
  };

  it('passes a right-to-left name and emoji to OpenMeetings unchanged in token mode', async () => {
    openWindows();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="1" firstname=${firstname}
        lastname=${lastname}>Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-success');

    expect(await sent()).to.include({firstname, lastname});
  });

  it('passes them unchanged in same-origin mode', async () => {
    openWindows();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button base-url="/openmeetings" om-user="soapuser" om-password="!HansHans1"
        external-id="u-rtl" external-type="cms" room-id="1" firstname=${firstname}
        lastname=${lastname}>Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-success');

    expect(await sent()).to.include({firstname, lastname});
  });
});
