import type {LitElement} from 'lit';
import {configError} from './client/errors.js';
import type {OmJoinBlockedDetail, OmJoinSuccessDetail} from './element/events.js';
import type {OmJoinButton} from './element/om-join-button.js';

type Settable = Omit<OmJoinButton, keyof LitElement | 'busy' | 'error' | 'lastError'>;
type Method = (...args: never[]) => unknown;

/** What a script may set on the element: its properties, by their camelCase names. */
export type OmJoinOptions = {
  [K in keyof Settable as Settable[K] extends Method ? never : K]?: Settable[K];
};

/** How a join without an element ended, unless it failed. */
export type OmJoinOutcome = OmJoinSuccessDetail | OmJoinBlockedDetail;

/** Sets the element's own properties from `options`; other keys, e.g. `innerHTML`, are skipped. */
export function configure(element: OmJoinButton, options: object): void {
  const known = (element.constructor as typeof LitElement).elementProperties;
  for (const [key, value] of Object.entries(options)) {
    if (known.has(key)) Reflect.set(element, key, value);
  }
}

/**
 * Joins without an element on the page. Call it inside a click handler: after the handler has
 * returned, the browser may block the room's window. Resolves with the success or blocked
 * event's detail, or undefined when `disabled` stopped it; rejects with the `OmError`.
 */
export async function join(options: OmJoinOptions): Promise<OmJoinOutcome | undefined> {
  if (options.target === 'iframe') {
    throw configError('target', 'iframe needs an element on the page; use <om-join-button>');
  }
  const element = document.createElement('om-join-button');
  // A detached element sees no ancestor's lang, and the room should still speak the page's.
  element.lang = document.documentElement.lang;
  // There is no element to show the "Open the meeting" link in, so a blocked window uses this tab.
  configure(element, {blocked: 'navigate', ...options});
  let outcome: OmJoinOutcome | undefined;
  let failure: Error | undefined;
  const keep = (event: CustomEvent<OmJoinOutcome>) => (outcome = event.detail);
  element.addEventListener('om-join-success', keep);
  element.addEventListener('om-join-blocked', keep);
  element.addEventListener('om-join-error', (event) => (failure = event.detail.error));
  // No await before this call: join() opens the window while the click's activation lasts.
  await element.join();
  if (failure) throw failure;

  return outcome;
}
