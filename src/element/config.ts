import {OmError, configError} from '../client/errors.js';
import {parseLanguageId} from '../client/languages.js';
import {normalizeBase, type ExternalUser, type RoomOptions} from '../client/openmeetings.js';

/** What the element reads from its attributes. Numbers may come as text or as numbers. */
export interface JoinAttributes {
  tokenEndpoint?: string | null;
  baseUrl?: string | null;
  roomId?: string | number | null;
  externalRoomId?: string | null;
  recordingId?: string | number | null;
  language?: string | number | null;
  target?: string | null;
  blocked?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  omUser?: string | null;
  omPassword?: string | null;
  externalId?: string | null;
  externalType?: string | null;
  externalRoomType?: string | null;
  email?: string | null;
  profilePictureUrl?: string | null;
  moderator?: boolean;
}

export type JoinMode = 'token' | 'same-origin';
export type JoinTarget = 'window' | '_blank' | '_self' | 'iframe';
export type BlockedFallback = 'link' | 'navigate';

export interface RoomChoice {
  roomId?: number;
  externalRoomId?: string;
  recordingId?: number;
}

interface CommonConfig {
  target: JoinTarget;
  blocked: BlockedFallback;
  room: RoomChoice;
  /** The `language` attribute; it wins over every `lang`. */
  language?: number;
}

export interface TokenConfig extends CommonConfig {
  mode: 'token';
  endpoint: string;
  /** When set, the room URL must be on this OpenMeetings base's origin. */
  baseUrl?: string;
  firstname?: string;
  lastname?: string;
}

export interface SameOriginConfig extends CommonConfig {
  mode: 'same-origin';
  baseUrl: string;
  account: {user: string; password: string};
  user: ExternalUser;
  options: RoomOptions;
}

export type JoinConfig = TokenConfig | SameOriginConfig;

const targets: readonly string[] = ['window', '_blank', '_self', 'iframe'];
const fallbacks: readonly string[] = ['link', 'navigate'];

/**
 * Reads a boolean attribute. Presence means true, except for the text "false", which CMS
 * templates write for an unchecked option.
 */
export function readFlag(value: string | null): boolean {
  return value !== null && value.trim().toLowerCase() !== 'false';
}

/** The whole configuration, or a `config` OmError that names the first attribute at fault. */
export function parseConfig(attrs: JoinAttributes, baseURI: string): JoinConfig {
  const target = oneOf(attrs.target, 'target', targets, 'window') as JoinTarget;
  const blocked = oneOf(attrs.blocked, 'blocked', fallbacks, 'link') as BlockedFallback;
  const room = readRoom(attrs);
  const language = readLanguage(attrs.language);
  const common = {target, blocked, room, ...(language !== undefined && {language})};
  const endpoint = text(attrs.tokenEndpoint);
  const base = text(attrs.baseUrl);
  if (endpoint) {
    return {
      ...common,
      mode: 'token',
      endpoint: httpUrl(endpoint, 'token-endpoint', baseURI),
      ...(base && {baseUrl: normalizeBase(httpUrl(base, 'base-url', baseURI), 'base-url')}),
      ...optional({firstname: attrs.firstname, lastname: attrs.lastname}),
    };
  }
  if (!base) {
    throw configError(
      'token-endpoint',
      'expected token-endpoint (recommended), or base-url with om-user and om-password',
    );
  }

  return {...common, mode: 'same-origin', ...readSameOrigin(attrs, base, room, baseURI)};
}

/** The first configuration problem, or undefined when the element can join. */
export function validate(attrs: JoinAttributes, baseURI: string): OmError | undefined {
  try {
    parseConfig(attrs, baseURI);
  } catch (error) {
    if (error instanceof OmError) return error;
    throw error;
  }

  return undefined;
}

function readSameOrigin(attrs: JoinAttributes, base: string, room: RoomChoice, baseURI: string) {
  const baseUrl = normalizeBase(httpUrl(base, 'base-url', baseURI), 'base-url');
  const user = required(attrs.omUser, 'om-user', 'the OpenMeetings API user');
  const password = attrs.omPassword ?? '';
  if (!password) throw configError('om-password', 'expected the password of the API user');
  const externalId = required(attrs.externalId, 'external-id', 'one id per visitor');
  const externalType = required(attrs.externalType, 'external-type', 'the name of your system');
  const roomType = text(attrs.externalRoomType) ?? externalType;
  const visitor: ExternalUser = {
    externalId,
    externalType,
    ...optional({
      firstname: attrs.firstname,
      lastname: attrs.lastname,
      email: attrs.email,
      profilePictureUrl: attrs.profilePictureUrl,
    }),
  };
  const options: RoomOptions = {
    ...(room.roomId !== undefined && {roomId: room.roomId}),
    ...(room.externalRoomId && {externalRoomId: room.externalRoomId, externalType: roomType}),
    ...(room.recordingId !== undefined && {recordingId: room.recordingId}),
    moderator: attrs.moderator === true,
  };

  return {baseUrl, account: {user, password}, user: visitor, options};
}

function readRoom(attrs: JoinAttributes): RoomChoice {
  const roomId = positiveId(attrs.roomId, 'room-id');
  const recordingId = positiveId(attrs.recordingId, 'recording-id');
  const externalRoomId = text(attrs.externalRoomId);
  if (roomId === undefined && recordingId === undefined && !externalRoomId) {
    throw configError('room-id', 'expected room-id, external-room-id or recording-id');
  }

  return {
    ...(roomId !== undefined && {roomId}),
    ...(externalRoomId && {externalRoomId}),
    ...(recordingId !== undefined && {recordingId}),
  };
}

function readLanguage(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || String(value).trim() === '') return undefined;
  const id = parseLanguageId(value);
  if (id === undefined) {
    const expected = `expected an OpenMeetings language id such as 2, got ${quote(value)}`;

    throw configError('language', expected);
  }

  return id;
}

function positiveId(value: string | number | null | undefined, field: string): number | undefined {
  if (value === null || value === undefined || String(value).trim() === '') return undefined;
  const digits = String(value).trim();
  const id = Number(digits);
  if (!/^\d+$/.test(digits) || !Number.isSafeInteger(id) || id <= 0) {
    throw configError(field, `expected a positive whole number, got ${quote(value)}`);
  }

  return id;
}

function httpUrl(value: string, field: string, baseURI: string): string {
  let url: URL;
  try {
    url = new URL(value, baseURI);
  } catch {
    throw configError(field, `expected a URL, got ${quote(value)}`);
  }
  // javascript: and data: would run or show page-controlled content in the visitor's window.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(field, `expected an http: or https: URL, got ${url.protocol}`);
  }
  if (url.username || url.password) throw configError(field, 'must not contain a user or password');
  url.hash = '';

  return url.href;
}

function oneOf(
  value: string | null | undefined,
  field: string,
  allowed: readonly string[],
  fallback: string,
): string {
  const given = text(value);
  if (given === undefined) return fallback;
  if (!allowed.includes(given)) {
    throw configError(field, `expected one of ${allowed.join(', ')}, got ${quote(given)}`);
  }

  return given;
}

function required(value: string | null | undefined, field: string, what: string): string {
  const given = text(value);
  if (!given) throw configError(field, `expected ${what}; same-origin mode needs it`);

  return given;
}

function text(value: string | null | undefined): string | undefined {
  return value?.trim() || undefined;
}

function optional(fields: Record<string, string | null | undefined>): Record<string, string> {
  const present = Object.entries(fields).flatMap(([key, value]) => {
    const given = text(value);

    return given ? [[key, given]] : [];
  });

  return Object.fromEntries(present);
}

function quote(value: unknown): string {
  const shown = String(value);

  return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown);
}
