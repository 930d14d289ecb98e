import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/element/define.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {pageNavigation} from '../../src/element/open-room.js';
import {
  clickAndWait,
  fakeWindow,
  part,
  recordingFetch,
  resetEmulator,
  restoreStubs,
  roomPage,
  stub,
  stubWindowOpen,
} from './support.js';

function stubNavigation(): string[] {
  const visited: string[] = [];
  stub(pageNavigation, 'assign', (url: string) => void visited.push(url));

  return visited;
}

describe('om-join-button targets and blocked windows', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);

  it('shows "Open the meeting" and fires om-join-blocked when the window is blocked', async () => {
    stubWindowOpen(true);
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="2">Join</om-join-button>
    `);

    const blocked = await clickAndWait(el, 'om-join-blocked');
    await el.updateComplete;

    expect(blocked.detail).to.deep.equal({mode: 'token', roomId: 2, fallback: 'link'});
    const link = part(el, 'link') as HTMLAnchorElement;
    expect(link.textContent).to.equal('Open the meeting');
    expect(link.target).to.equal('om-join-room');
    expect(await roomPage(link.href)).to.include({roomId: '2'});
  });

  it('navigates the current tab when blocked="navigate" and the window is blocked', async () => {
    stubWindowOpen(true);
    const visited = stubNavigation();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="2" blocked="navigate"
        >Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-blocked');

    expect(visited).to.have.length(1);
    expect(part(el, 'link')).to.equal(null);
    expect(await roomPage(visited[0])).to.include({roomId: '2'});
  });

  it('navigates the current tab without a placeholder for target="_self"', async () => {
    const opened = stubWindowOpen();
    const visited = stubNavigation();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="3" target="_self">Join</om-join-button>
    `);

    const success = await clickAndWait(el, 'om-join-success');

    expect(success.detail.target).to.equal('_self');
    expect(opened.calls).to.deep.equal([]);
    expect(await roomPage(visited[0])).to.include({roomId: '3'});
  });

  it('opens a new unnamed window each time for target="_blank"', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="3" target="_blank"
        >Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-success');

    expect(opened.calls).to.deep.equal([{url: '', name: '_blank'}]);
  });

  it('leaves an earlier room tab open when a later join into it fails', async () => {
    const earlier = fakeWindow();
    earlier.location.href = 'http://127.0.0.1:9/openmeetings/hash';
    stub(window, 'open', (() => earlier) as unknown as typeof window.open);
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join-broken" room-id="1">Join</om-join-button>
    `);

    await clickAndWait(el, 'om-join-error');

    expect(earlier.closed).to.equal(false);
  });

  it('renders the room in an iframe with camera and microphone for target="iframe"', async () => {
    const opened = stubWindowOpen();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="4" target="iframe"
        >Join</om-join-button
      >
    `);

    await clickAndWait(el, 'om-join-success');
    await el.updateComplete;

    const frame = part(el, 'frame') as HTMLIFrameElement;
    expect(opened.calls).to.deep.equal([]);
    expect(frame.getAttribute('allow')).to.equal('microphone; camera; display-capture; fullscreen');
    expect(frame.title).to.equal('Meeting room');
    await waitUntil(() => frame.contentDocument?.querySelector('#room'), 'the room did not load');
    const room = frame.contentDocument!.querySelector<HTMLElement>('#room')!;
    expect(room.dataset.roomId).to.equal('4');
  });

  it('offers the link when the visitor closed the placeholder before the room opened', async () => {
    const opened = stubWindowOpen();
    const recorder = recordingFetch();
    recorder.hold();
    const el = await fixture<OmJoinButton>(html`
      <om-join-button token-endpoint="/api/om/join" room-id="2">Join</om-join-button>
    `);
    el.fetch = recorder.fetch;
    const blocked = oneEvent(el, 'om-join-blocked');

    el.shadowRoot!.querySelector('button')!.click();
    opened.windows[0].closed = true;
    recorder.release();
    await blocked;
    await el.updateComplete;

    expect(opened.windows[0].replaced).to.deep.equal([]);
    expect(part(el, 'link')).not.to.equal(null);
  });

  describe('with a wrapped link', () => {
    it('keeps the link as the control and joins on a plain click', async () => {
      const opened = stubWindowOpen();
      const el = await fixture<OmJoinButton>(html`
        <om-join-button token-endpoint="/api/om/join" room-id="5"
          ><a href="/api/om/join?roomId=5">Join room 5</a></om-join-button
        >
      `);
      const link = el.querySelector('a')!;
      const success = oneEvent(el, 'om-join-success');
      const prevented: boolean[] = [];
      const guard = (event: Event) => {
        prevented.push(event.defaultPrevented);
        event.preventDefault();
      };
      window.addEventListener('click', guard);

      link.click();
      window.removeEventListener('click', guard);
      await success;

      expect(prevented).to.deep.equal([true]);
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
      expect(await roomPage(opened.windows[0].replaced[0])).to.include({roomId: '5'});
    });

    it('joins when Enter is pressed on the focused link', async () => {
      const opened = stubWindowOpen();
      const el = await fixture<OmJoinButton>(html`
        <om-join-button token-endpoint="/api/om/join" room-id="5"
          ><a href="/api/om/join?roomId=5">Join room 5</a></om-join-button
        >
      `);
      const success = oneEvent(el, 'om-join-success');

      el.querySelector('a')!.focus();
      await sendKeys({press: 'Enter'});
      await success;

      expect(opened.windows[0].replaced).to.have.length(1);
    });

    it('leaves ctrl, meta and shift clicks on the link to the browser', async () => {
      const opened = stubWindowOpen();
      const recorder = recordingFetch();
      const el = await fixture<OmJoinButton>(html`
        <om-join-button token-endpoint="/api/om/join" room-id="5"
          ><a href="/api/om/join?roomId=5">Join room 5</a></om-join-button
        >
      `);
      el.fetch = recorder.fetch;
      const link = el.querySelector('a')!;
      const prevented: boolean[] = [];
      // Records what the element did, then keeps the test page from following the link.
      const guard = (event: Event) => {
        prevented.push(event.defaultPrevented);
        event.preventDefault();
      };
      window.addEventListener('click', guard);

      try {
        for (const key of ['ctrlKey', 'metaKey', 'shiftKey']) {
          const init = {bubbles: true, cancelable: true, composed: true, [key]: true};
          link.dispatchEvent(new MouseEvent('click', init));
        }
      } finally {
        window.removeEventListener('click', guard);
      }
      await el.updateComplete;

      expect(prevented).to.deep.equal([false, false, false]);
      expect(opened.calls).to.deep.equal([]);
      expect(recorder.requests).to.deep.equal([]);
    });
  });
});
