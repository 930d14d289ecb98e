import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {flushSync} from 'react-dom';
import type {Root} from 'react-dom/client';
import {createApp, type App} from 'vue';
import {mountJoinRoom as mountReact} from '../../demo/recipes/react.js';
import {mountJoinRoom as mountVue} from '../../demo/recipes/vue.js';
import type {OmJoinSuccessDetail} from '../../src/element/events.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {
  recordingFetch,
  resetEmulator,
  restoreStubs,
  shadowButton,
  stubWindowOpen,
} from './support.js';

// The recipes of demo/recipes/, rendered by the real React 19 and Vue 3 (frameworks-vendor.ts).
const cleanups: Array<() => void> = [];

function container(): HTMLElement {
  const div = document.createElement('div');
  document.body.append(div);
  cleanups.push(() => div.remove());

  return div;
}

async function joinButtonIn(root: Element): Promise<OmJoinButton> {
  await waitUntil(() => root.querySelector('om-join-button'), 'the framework rendered nothing');
  const el = root.querySelector('om-join-button')!;
  await el.updateComplete;

  return el;
}

const mounts = {
  'React 19': (
    where: Element,
    props: {endpoint: string; roomId: number; fetch?: typeof fetch},
    onJoined?: (detail: OmJoinSuccessDetail) => void,
  ) => {
    let root!: Root;
    flushSync(() => {
      root = mountReact(where, {...props, onJoined});
    });
    cleanups.push(() => root.unmount());
  },
  'Vue 3': (
    where: Element,
    props: {endpoint: string; roomId: number; fetch?: typeof fetch},
    onJoined?: (detail: OmJoinSuccessDetail) => void,
  ) => {
    const app = mountVue(where, props, onJoined);
    cleanups.push(() => app.unmount());
  },
};

describe('om-join-button in React and Vue', () => {
  beforeEach(resetEmulator);
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    restoreStubs();
  });

  for (const [framework, mount] of Object.entries(mounts)) {
    it(`${framework} sets token-endpoint as attribute, roomId and fetch as property`, async () => {
      const recorder = recordingFetch();
      const where = container();
      mount(where, {endpoint: '/api/om/join', roomId: 5, fetch: recorder.fetch});

      const el = await joinButtonIn(where);
      expect(el.getAttribute('token-endpoint')).to.equal('/api/om/join');
      expect(el.roomId).to.equal(5);
      expect(el.hasAttribute('roomid')).to.equal(false);
      // Not to.equal: a failing chai message about this function crashes the test page.
      expect(el.fetch === recorder.fetch, 'fetch reached the element as a property').to.equal(true);
      expect(el.textContent).to.equal('Join the meeting');
    });

    it(`hands om-join-success to a ${framework} handler after a real join`, async () => {
      const opened = stubWindowOpen();
      const recorder = recordingFetch();
      const where = container();
      const joined: OmJoinSuccessDetail[] = [];
      mount(where, {endpoint: '/api/om/join', roomId: 5, fetch: recorder.fetch}, (detail) =>
        joined.push(detail),
      );
      const el = await joinButtonIn(where);

      const success = oneEvent(el, 'om-join-success');
      shadowButton(el).click();
      await success;

      expect(joined).to.deep.equal([{mode: 'token', roomId: 5, target: 'window'}]);
      const sent = recorder.requests.map(({method, url}) => `${method} ${new URL(url).pathname}`);
      expect(sent).to.deep.equal(['POST /api/om/join']);
      expect(opened.windows[0].replaced[0]).to.match(/\/openmeetings\/hash\?secure=/);
    });

    it(`shows om-join-error in ${framework}'s own markup`, async () => {
      stubWindowOpen();
      const where = container();
      mount(where, {endpoint: '/api/om/join-broken', roomId: 5});
      const el = await joinButtonIn(where);

      shadowButton(el).click();

      await waitUntil(() => where.querySelector('.join-failure'), 'no failure shown');
      expect(where.querySelector('.join-failure')!.textContent).to.equal(
        'Could not join (bad-credentials).',
      );
    });
  }

  it('binds an attribute, a .prop and an @event from a Vue template', async () => {
    stubWindowOpen();
    const where = container();
    const codes: string[] = [];
    const app: App = createApp({
      template: `<om-join-button :token-endpoint="endpoint" .roomId="roomId"
        @om-join-error="failed">Join</om-join-button>`,
      data: () => ({endpoint: '/api/om/join-broken', roomId: 7}),
      methods: {failed: (event: CustomEvent<{code: string}>) => codes.push(event.detail.code)},
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'om-join-button';
    app.mount(where);
    cleanups.push(() => app.unmount());
    const el = await joinButtonIn(where);

    expect(el.getAttribute('token-endpoint')).to.equal('/api/om/join-broken');
    expect(el.roomId).to.equal(7);
    const failed = oneEvent(el, 'om-join-error');
    shadowButton(el).click();
    await failed;
    expect(codes).to.deep.equal(['bad-credentials']);
  });
});
