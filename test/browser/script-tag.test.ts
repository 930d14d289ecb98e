import {expect, oneEvent} from '@open-wc/testing';
import type {OmJoinButton} from '../../src/element/om-join-button.js';
import {fakeWindow, resetEmulator, shadowButton} from './support.js';

// The built script-tag files (`npm run build`), each page in a frame of its own, so every page
// starts with an empty element registry. This file imports nothing from src/.
const IIFE = '/dist/om-join-button.iife.js';
const ESM = '/dist/om-join-button.esm.js';

interface Seen {
  errors: string[];
  warnings: string[];
  defines: string[];
}

type FrameWindow = Window &
  typeof globalThis & {seen: Seen; jQuery?: {fn: Record<string, unknown>}};

const frames: HTMLIFrameElement[] = [];

const classic = (src: string) => `classic:${src}`;
const module = (src: string) => `module:${src}`;

/** A page of its own (script-tag-page.html) that loads `scripts` in order. */
async function page(...scripts: string[]): Promise<FrameWindow> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  const query = new URLSearchParams(scripts.map((script) => ['script', script]));
  frame.src = `/test/browser/script-tag-page.html?${query}`;
  document.body.append(frame);
  frames.push(frame);
  await loaded;

  return frame.contentWindow as FrameWindow;
}

/** The IIFE with another version number, as a second CMS plugin might bring it. */
async function otherVersionOfIife(version: string): Promise<string> {
  const {version: ours} = (await (await fetch('/package.json')).json()) as {version: string};
  const code = await (await fetch(IIFE)).text();
  const literal = new RegExp(`([\`'"])${ours.replaceAll('.', '\\.')}\\1`, 'g');
  expect(code.match(literal), 'the version in the IIFE').to.not.equal(null);
  const altered = code.replace(literal, JSON.stringify(version));

  return URL.createObjectURL(new Blob([altered], {type: 'text/javascript'}));
}

describe('the script-tag builds on one page', () => {
  beforeEach(resetEmulator);
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('defines the element once, with no console error, from IIFE, IIFE and ESM', async () => {
    const win = await page(classic(IIFE), classic(IIFE), module(ESM));

    expect(win.seen).to.deep.equal({errors: [], warnings: [], defines: ['om-join-button']});
    const el = win.document.querySelector('om-join-button') as OmJoinButton;
    expect(el).to.be.instanceOf(win.customElements.get('om-join-button')!);
    expect(win.OmJoinButton.OmJoinButton).to.equal(win.customElements.get('om-join-button'));
  });

  it('joins from a page that includes every copy', async () => {
    const win = await page(module(ESM), classic(IIFE), classic(IIFE));
    const room = fakeWindow();
    win.open = (() => room) as unknown as typeof win.open;
    const el = win.document.querySelector('om-join-button') as OmJoinButton;
    await el.updateComplete;

    const success = oneEvent(el, 'om-join-success');
    shadowButton(el).click();
    await success;

    expect(room.replaced[0]).to.match(/\/openmeetings\/hash\?secure=/);
    expect(win.seen.errors).to.deep.equal([]);
  });

  it('warns once when copies of another version follow, and keeps the first', async () => {
    const other = await otherVersionOfIife('0.0.1-other');
    try {
      const win = await page(classic(IIFE), classic(other), classic(other), module(ESM));

      expect(win.seen.errors).to.deep.equal([]);
      expect(win.seen.defines).to.deep.equal(['om-join-button']);
      expect(win.seen.warnings).to.have.length(1);
      expect(win.seen.warnings[0])
        .to.contain('0.0.1-other is not in use')
        .and.contain(win.OmJoinButton.version);
    } finally {
      URL.revokeObjectURL(other);
    }
  });

  it('adds the jQuery plugin when jQuery comes after the script, as in CMS footers', async () => {
    const win = await page(classic(IIFE), classic('/node_modules/jquery/dist/jquery.js'));

    expect(win.jQuery?.fn.omJoinButton).to.be.a('function');
    expect(win.seen.errors).to.deep.equal([]);
  });
});
