import {OmError, redactUrl} from '../client/errors.js';
import type {JoinTarget} from './config.js';

/** The one window rooms open in, so a second join reuses it instead of ending the first. */
export const ROOM_WINDOW_NAME = 'om-join-room';

/** A window opened for the room, and whether this join created it. */
export interface RoomWindow {
  readonly win: Window;
  /** False when `window.open` handed back an earlier room tab; that one is never closed. */
  readonly fresh: boolean;
}

/** Navigation of the page itself. Tests replace `assign`, since `location` cannot be stubbed. */
export const pageNavigation = {
  assign(url: string): void {
    window.location.assign(url);
  },
};

/** The placeholder a target needs: a window for `window` and `_blank`, none for the others. */
export function openFor(target: JoinTarget): RoomWindow | null | undefined {
  if (target === 'window') return openPlaceholder(ROOM_WINDOW_NAME);
  if (target === '_blank') return openPlaceholder('_blank');

  return undefined;
}

/**
 * Opens an empty window named `name`, or null when the browser blocked it. Call it inside the
 * click handler, before any await: Safari drops the click's activation after one (protocol §14).
 */
export function openPlaceholder(name: string): RoomWindow | null {
  let win: Window | null;
  try {
    win = window.open('', name);
  } catch {
    return null;
  }
  if (!win) return null;

  // Not the `noopener` feature: with it open() returns null and the window cannot be sent on.
  try {
    win.opener = null;
  } catch {
    // An earlier room tab on OpenMeetings' origin: its opener was already cut when it opened.
  }

  return {win, fresh: isBlank(win)};
}

/** Sends the placeholder to the room, replacing about:blank so Back does not return to it. */
export function showRoom(room: RoomWindow, url: string): void {
  room.win.location.replace(url);
  try {
    room.win.focus();
  } catch {
    // Focus is a courtesy; some browsers refuse it for windows they did not just open.
  }
}

/** Closes a placeholder this join opened. An earlier room tab stays as it is. */
export function discardRoom(room: RoomWindow | null | undefined): void {
  if (room?.fresh && !room.win.closed) room.win.close();
}

/**
 * Why the browser should not open `url`, or undefined when it may: not http(s), not on the
 * configured OpenMeetings origin, mixed content, or a loopback address that visitors cannot reach
 * (protocol §14). The message holds no query, so it never shows the hash.
 */
export function checkRoomUrl(
  url: string,
  omBase: string | undefined,
  pageUrl: string,
): OmError | undefined {
  const refuse = (why: string) =>
    new OmError('refused', `Opening the room refused: ${why}`, {step: 'open', url: redactUrl(url)});
  let room: URL;
  try {
    room = new URL(url);
  } catch {
    return refuse('the room URL is not a valid absolute URL');
  }
  if (room.protocol !== 'http:' && room.protocol !== 'https:') {
    return refuse(`the room URL must be http: or https:, not ${room.protocol}`);
  }
  const expected = omBase ? new URL(omBase).origin : undefined;
  if (expected && room.origin !== expected) {
    return refuse(
      `the room URL is on ${room.origin}, not on the OpenMeetings origin ${expected} (base-url)`,
    );
  }
  const page = new URL(pageUrl);
  if (page.protocol === 'https:' && room.protocol === 'http:') {
    return refuse(
      'the room URL is http: on an https: page, so the browser would block it as mixed content',
    );
  }
  if (isLoopback(room.hostname) && !isLoopback(page.hostname)) {
    return refuse(
      `the room URL points at ${room.hostname}, a loopback address that visitors of ` +
        `${page.hostname} cannot reach`,
    );
  }

  return undefined;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');

  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0'
  );
}

function isBlank(win: Window): boolean {
  try {
    return win.location.href === 'about:blank';
  } catch {
    return false;
  }
}
