import {oneEvent} from '@open-wc/testing';
import type {EmulatorLogEntry} from '../../src/emulator/index.js';
import type {OmJoinButton} from '../../src/element/om-join-button.js';

const restorers: Array<() => void> = [];

/** Replaces `object[key]` until `restoreStubs()`, which every test file runs after each test. */
export function stub<T extends object, K extends keyof T>(object: T, key: K, value: T[K]): void {
  const own = Object.getOwnPropertyDescriptor(object, key);
  Object.defineProperty(object, key, {value, configurable: true, writable: true});
  restorers.push(() => {
    if (own) Object.defineProperty(object, key, own);
    else delete object[key];
  });
}

export function restoreStubs(): void {
  for (const restore of restorers.splice(0).reverse()) restore();
}

/** A stand-in for the window `window.open` returns, recording where it was sent. */
export interface FakeWindow {
  closed: boolean;
  opener: unknown;
  replaced: string[];
  location: {href: string; replace(url: string): void};
  close(): void;
  focus(): void;
}

export function fakeWindow(): FakeWindow {
  const win: FakeWindow = {
    closed: false,
    opener: 'the opening page',
    replaced: [],
    location: {
      href: 'about:blank',
      replace: (url) => void win.replaced.push(url),
    },
    close: () => void (win.closed = true),
    focus: () => {},
  };

  return win;
}

/** Stubs `window.open`: each call gets a new fake window, or null to act as a popup blocker. */
export function stubWindowOpen(blocked = false) {
  const calls: Array<{url?: string | URL; name?: string}> = [];
  const windows: FakeWindow[] = [];
  stub(window, 'open', ((url?: string | URL, name?: string) => {
    calls.push({url, name});
    if (blocked) return null;
    const win = fakeWindow();
    windows.push(win);

    return win as unknown as Window;
  }) as typeof window.open);

  return {calls, windows};
}

/** A fetch that records each request before passing it on; `gate` holds requests until opened. */
export function recordingFetch() {
  const requests: Array<{url: string; method: string; headers: Headers; body: string}> = [];
  let open: () => void = () => {};
  let gate: Promise<void> | undefined;
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    requests.push({url: request.url, method: request.method, headers: request.headers, body});
    if (gate) await gate;

    return window.fetch(request);
  }) as typeof fetch;

  return {
    fetch: fetcher,
    requests,
    /** Holds every request until `release()`. */
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open();
    },
  };
}

export async function resetEmulator(): Promise<void> {
  await window.fetch('/_test/emulator/reset', {method: 'POST'});
}

export async function emulatorLog(): Promise<EmulatorLogEntry[]> {
  const response = await window.fetch('/openmeetings/_emulator/log');

  return response.json();
}

/** What a room URL shows: the room's data attributes, or `invalid` for "Invalid hash". */
export async function roomPage(url: string): Promise<DOMStringMap | 'invalid'> {
  // No cookies: each visit is a browser of its own, as each visitor's would be.
  const response = await window.fetch(url, {credentials: 'omit'});
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const room = page.querySelector<HTMLElement>('#room');
  if (room) return room.dataset;
  if (page.querySelector('#invalid-hash')) return 'invalid';

  throw new Error(`${url} shows neither a room nor the invalid-hash dialog`);
}

export function shadowButton(el: OmJoinButton): HTMLButtonElement {
  const button = el.shadowRoot?.querySelector('button');
  if (!button) throw new Error('om-join-button rendered no button');

  return button;
}

export function part(el: OmJoinButton, name: string): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

/** Clicks the inner button and waits for the event that ends the join. */
export async function clickAndWait(el: OmJoinButton, eventName: string): Promise<CustomEvent> {
  const outcome = oneEvent(el, eventName);
  shadowButton(el).click();

  return outcome;
}
