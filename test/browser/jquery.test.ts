import {expect, fixture, html, oneEvent} from '@open-wc/testing';
// jQuery 3 from node_modules, first: its UMD wrapper sets window.jQuery when run as a module.
import 'jquery';
import '../../src/browser.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import type {OmError} from '../../src/client/errors.js';
import {pageNavigation} from '../../src/element/open-room.js';
import {
  resetEmulator,
  restoreStubs,
  roomPage,
  shadowButton,
  stub,
  stubWindowOpen,
} from './support.js';

interface JQuerySet extends ArrayLike<HTMLElement> {
  omJoinButton(options?: object): JQuerySet;
  on(name: string, handler: (event: {originalEvent: CustomEvent}) => void): JQuerySet;
  end(): JQuerySet;
  get(): HTMLElement[];
}

const $ = (window as unknown as {jQuery: (selector: string | Element) => JQuerySet}).jQuery;

describe('om-join-button with jQuery', () => {
  beforeEach(resetEmulator);
  afterEach(restoreStubs);

  it('configures matching join buttons from the options and returns them', async () => {
    const box = await fixture(html`<div>
      <om-join-button class="join">A</om-join-button><om-join-button class="join">B</om-join-button>
    </div>`);

    const set = $('om-join-button.join').omJoinButton({tokenEndpoint: '/api/om/join', roomId: 5});

    expect(set.get()).to.deep.equal([...box.querySelectorAll('om-join-button')]);
    for (const el of set.get() as OmJoinButton[]) {
      expect(el.tokenEndpoint).to.equal('/api/om/join');
      expect(el.roomId).to.equal(5);
      expect(el.validate()).to.equal(undefined);
    }
  });

  it('wraps a link, which stays a link inside, and joins when it is clicked', async () => {
    const opened = stubWindowOpen();
    const box = await fixture(html`<p><a id="room" href="/rooms/5">Join room 5</a></p>`);
    const codes: string[] = [];

    const set = $('#room')
      .omJoinButton({tokenEndpoint: '/api/om/join', roomId: 5})
      .on('om-join-success', ({originalEvent}) => codes.push(originalEvent.detail.mode));
    const el = set.get()[0] as OmJoinButton;

    expect(el.localName).to.equal('om-join-button');
    expect(el.parentElement).to.equal(box);
    expect(el.querySelector('a#room')?.getAttribute('href')).to.equal('/rooms/5');
    const success = oneEvent(el, 'om-join-success');
    el.querySelector('a')!.click();
    await success;
    expect(codes).to.deep.equal(['token']);
    expect(await roomPage(opened.windows[0].replaced[0])).to.include({roomId: '5'});
  });

  it('replaces a native button, keeping label and id, so no control nests in another', async () => {
    const box = await fixture(
      html`<div><button id="join" type="button">Enter <b>now</b></button></div>`,
    );

    $('#join').omJoinButton({tokenEndpoint: '/api/om/join', roomId: 2});

    const el = box.querySelector('om-join-button')!;
    expect(el.id).to.equal('join');
    expect(el.innerHTML).to.equal('Enter <b>now</b>');
    expect(box.querySelectorAll('button')).to.have.length(0);
    await el.updateComplete;
    const slot = shadowButton(el).querySelector('slot')!;
    expect(slot.assignedNodes().map((node) => node.textContent)).to.deep.equal(['Enter ', 'now']);
  });

  it('takes each element’s room from data- attributes that name element attributes', async () => {
    const box = await fixture(html`<ul>
      <li><a class="room" href="/r/3" data-room-id="3" data-tracking="x">3</a></li>
      <li><a class="room" href="/r/4" data-room-id="4" data-target="_blank">4</a></li>
    </ul>`);

    $('a.room').omJoinButton({tokenEndpoint: '/api/om/join', target: 'window'});

    const [three, four] = box.querySelectorAll('om-join-button');
    expect(three.getAttribute('room-id')).to.equal('3');
    expect(three.hasAttribute('tracking')).to.equal(false);
    expect(four.getAttribute('room-id')).to.equal('4');
    // Options are properties and win over the attributes.
    expect(four.target).to.equal('window');
  });

  it('skips options that are not the element’s properties', async () => {
    const box = await fixture(html`<div><om-join-button>Join</om-join-button></div>`);

    $('om-join-button').omJoinButton({roomId: 1, innerHTML: '<img src=x onerror=alert(1)>'});

    expect(box.querySelector('om-join-button')!.innerHTML).to.equal('Join');
  });

  it('reuses the join button it made when called again, instead of nesting another', async () => {
    const box = await fixture(html`<div><a id="again" href="/r/1">Join</a></div>`);

    $('#again').omJoinButton({roomId: 1});
    $('#again').omJoinButton({roomId: 9});

    expect(box.querySelectorAll('om-join-button')).to.have.length(1);
    expect(box.querySelector('om-join-button')!.roomId).to.equal(9);
  });
});

describe('OmJoinButton.join() from a script', () => {
  const api = () => window.OmJoinButton;

  beforeEach(resetEmulator);
  afterEach(() => {
    document.documentElement.lang = 'en';
    restoreStubs();
  });

  it('opens the room without an element and resolves with the success detail', async () => {
    const opened = stubWindowOpen();
    document.documentElement.lang = 'de';

    const outcome = await api().join({tokenEndpoint: '/api/om/join', roomId: 6});

    expect(outcome).to.deep.equal({mode: 'token', roomId: 6, target: 'window'});
    const url = new URL(opened.windows[0].replaced[0]);
    expect(url.searchParams.get('language')).to.equal('2');
    expect(await roomPage(url.href)).to.include({roomId: '6'});
    expect(document.querySelector('om-join-button')).to.equal(null);
  });

  it('uses this tab when the browser blocks the window, having no element for a link', async () => {
    stubWindowOpen(true);
    const assigned: string[] = [];
    stub(pageNavigation, 'assign', (url: string) => void assigned.push(url));

    const outcome = await api().join({tokenEndpoint: '/api/om/join', roomId: 6});

    expect(outcome).to.deep.equal({mode: 'token', roomId: 6, fallback: 'navigate'});
    expect(assigned).to.have.length(1);
    expect(await roomPage(assigned[0])).to.include({roomId: '6'});
  });

  it('rejects with the OmError when the join fails', async () => {
    stubWindowOpen();

    const failure = await api()
      .join({tokenEndpoint: '/api/om/join-broken', roomId: 6})
      .catch((error: OmError) => error);

    expect(failure).to.be.instanceOf(api().OmError);
    expect((failure as OmError).code).to.equal('bad-credentials');
  });

  it('rejects target iframe, which needs an element to show the frame in', async () => {
    const opened = stubWindowOpen();

    const failure = await api()
      .join({tokenEndpoint: '/api/om/join', roomId: 6, target: 'iframe'})
      .catch((error: OmError) => error);

    expect((failure as OmError).code).to.equal('config');
    expect((failure as OmError).field).to.equal('target');
    expect(opened.calls).to.have.length(0);
  });

  it('offers the registered class and the version', () => {
    expect(api().OmJoinButton).to.equal(customElements.get('om-join-button'));
    expect(api().version).to.match(/^\d+\.\d+\.\d+/);
  });
});
