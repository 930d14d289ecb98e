import type {IncomingMessage, ServerResponse} from 'node:http';

/** An internal OpenMeetings account that can log in through `/services/user/login`. */
export interface EmulatorAccount {
  login: string;
  password: string;
  email?: string;
  rights: Array<'LOGIN' | 'SOAP' | 'ADMIN'>;
  /** Group names. Left out: one default group. Empty: login fails with `error.nogroup`. */
  groups?: string[];
}

export interface EmulatorRoom {
  id: number;
  name?: string;
  externalId?: string;
  externalType?: string;
  deleted?: boolean;
  closed?: boolean;
}

export interface EmulatorRecording {
  id: number;
  name?: string;
}

/** Label texts by key, then by language id. They extend or override the built-in texts. */
export type EmulatorLabels = Record<string, Record<number, string>>;

export interface EmulatorOptions {
  /** OpenMeetings version to emulate, '4.0.0' to '9.1.0'. Default '9.1.0'. */
  version?: string;
  /** Context path. Default '/openmeetings'. */
  basePath?: string;
  /** OM's `rest.allow.origin`. Unset: no CORS header at all (protocol §10.1). */
  allowOrigin?: string;
  /** Default: `soapuser` / `!HansHans1` and `admin` / `!HansHans`, both able to make hashes. */
  accounts?: EmulatorAccount[];
  /** Default: rooms 1 to 8; 6 has an external id, 7 is closed, 8 is deleted. */
  rooms?: EmulatorRoom[];
  recordings?: EmulatorRecording[];
  /** Extra texts for the error service, e.g. to see the JSON writer turn '42' into 42. */
  labels?: EmulatorLabels;
  /** Multiplies the 9.x bad-credentials delay of 6–15 s. Default 1; 0 disables it. */
  penaltyScale?: number;
  /** Clock in ms. Default `Date.now`. */
  now?: () => number;
  /** Source of the bad-credentials delay. Default `Math.random`. */
  random?: () => number;
}

export interface ResolvedEmulatorOptions {
  version: string;
  basePath: string;
  allowOrigin: string | undefined;
  accounts: EmulatorAccount[];
  rooms: EmulatorRoom[];
  recordings: EmulatorRecording[];
  labels: EmulatorLabels;
  penaltyScale: number;
  now: () => number;
  random: () => number;
}

/** The visitor fields of `user` after OM's coercion (protocol §5.2). */
export interface ExternalUser {
  externalId?: string;
  externalType?: string;
  login?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  profilePictureUrl?: string;
}

/** The fields of `options` after OM's coercion (protocol §5.3). */
export interface RoomOptions {
  roomId?: number;
  externalRoomId: string;
  externalType: string;
  recordingId?: number;
  moderator: boolean;
  showAudioVideoTest: boolean;
  allowRecording: boolean;
  allowSameURLMultipleTimes: boolean;
}

export type LoginOutcome =
  'success' | 'error.bad.credentials' | 'error.notactivated' | 'error.nogroup' | 'error.unknown';

export interface LoginLogEntry {
  kind: 'login';
  time: number;
  /** The name as OM looks it up: trimmed and lower-cased. Passwords are never logged. */
  account: string | null;
  outcome: LoginOutcome;
  sid?: string;
  /** The 9.x bad-credentials delay OM would apply, 6 to 15 (OPENMEETINGS-2817). */
  delaySeconds?: number;
  /** The delay the emulator applied: `delaySeconds` scaled by `penaltyScale`, in ms. */
  delayMs?: number;
}

export interface HashLogEntry {
  kind: 'hash';
  time: number;
  sid: string | null;
  /** 'success', an HTTP status such as '400', or the message of the failure. */
  outcome: string;
  status: number;
  hash?: string;
  user?: ExternalUser;
  options?: RoomOptions;
  /** Whether the hash has been redeemed, as of this log read. */
  used?: boolean;
}

export interface RedemptionLogEntry {
  kind: 'redemption';
  time: number;
  hash: string | null;
  session: string;
  outcome: 'room' | 'recording' | 'closed' | 'invalid';
  /** Why the hash was refused, when it was. */
  reason?: string;
  /** True when the same browser session reloaded its own hash and OM skipped the checks. */
  reload: boolean;
  user?: string;
  roomId?: number;
  recordingId?: number;
  languageId?: number;
  moderator?: boolean;
}

export interface SessionEndedLogEntry {
  kind: 'session-ended';
  time: number;
  session: string;
  reason: 'different-hash';
}

export type EmulatorLogEntry =
  LoginLogEntry | HashLogEntry | RedemptionLogEntry | SessionEndedLogEntry;

export interface Emulator {
  readonly options: ResolvedEmulatorOptions;
  /** Node/connect middleware. Requests outside `basePath` go to `next`, or get 404. */
  handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** Moves the emulator's clock forward, on top of `options.now`. */
  advanceClock(ms: number): void;
  /** What the inspection route `{base}/_emulator/log` serves. */
  log(): EmulatorLogEntry[];
  /** Forgets SIDs, hashes, visitors, browser sessions and the log. */
  reset(): void;
}

export interface StartEmulatorOptions extends EmulatorOptions {
  /** 0, the default, picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
}

export interface RunningEmulator {
  /** The OM base, e.g. `http://127.0.0.1:5080/openmeetings`, without a trailing slash. */
  url: string;
  origin: string;
  port: number;
  emulator: Emulator;
  /** Stops listening and ends open keep-alive connections. */
  close(): Promise<void>;
}
