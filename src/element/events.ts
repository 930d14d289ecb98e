import type {OmError, OmErrorCode} from '../client/errors.js';
import type {BlockedFallback, JoinMode, JoinTarget, RoomChoice} from './config.js';

/** `om-join-start`: cancelable, before any request. */
export interface OmJoinStartDetail extends RoomChoice {
  mode: JoinMode;
}

/** `om-join-success`: the room is opening. No URL, so no listener can leak the hash. */
export interface OmJoinSuccessDetail extends RoomChoice {
  mode: JoinMode;
  target: JoinTarget;
}

/** `om-join-error`: the join failed; `error` holds every fact, `message` says it in English. */
export interface OmJoinErrorDetail {
  error: OmError;
  code: OmErrorCode;
  message: string;
}

/** `om-join-blocked`: the browser blocked the window, and `fallback` took over. */
export interface OmJoinBlockedDetail extends RoomChoice {
  mode: JoinMode;
  fallback: BlockedFallback;
}

/** The element's events by name. They bubble and cross shadow roots, so `document` hears them. */
export interface OmJoinEventMap {
  'om-join-start': CustomEvent<OmJoinStartDetail>;
  'om-join-success': CustomEvent<OmJoinSuccessDetail>;
  'om-join-error': CustomEvent<OmJoinErrorDetail>;
  'om-join-blocked': CustomEvent<OmJoinBlockedDetail>;
}

declare global {
  // Elements, documents and windows all extend this map, so every addEventListener is typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merging needs an interface
  interface GlobalEventHandlersEventMap extends OmJoinEventMap {}
}

export type {BlockedFallback, JoinMode, JoinTarget, RoomChoice};
