import type {ExternalUser, RoomOptions} from './types.js';

type JsonObject = Record<string, unknown>;

const USER_KEYS = [
  'externalId',
  'externalType',
  'login',
  'firstname',
  'lastname',
  'email',
  'profilePictureUrl',
] as const;

/** The object a `user` or `options` field holds, or undefined when it is no JSON object. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;

    return value as JsonObject;
  } catch {
    return undefined;
  }
}

/** ExternalUserDTO: known camelCase keys only, every value read as text (protocol §5.2). */
export function toExternalUser(json: JsonObject): ExternalUser {
  const user: ExternalUser = {};
  for (const key of USER_KEYS) {
    if (key in json) user[key] = asText(json[key]);
  }

  return user;
}

/**
 * RoomOptionsDTO (protocol §5.3). Undefined when `roomId` or `recordingId` is not numeric,
 * which OM answers with 400.
 */
export function toRoomOptions(json: JsonObject, externalRoom: boolean): RoomOptions | undefined {
  const roomId = asInteger(json.roomId);
  const recordingId = asInteger(json.recordingId);
  if (roomId === null || recordingId === null) return undefined;

  // 3.3 to 5.0 know no external room keys (OPENMEETINGS-2297).
  return {
    roomId,
    externalRoomId: externalRoom && 'externalRoomId' in json ? asText(json.externalRoomId) : '',
    externalType: externalRoom && 'externalType' in json ? asText(json.externalType) : '',
    recordingId,
    moderator: asBoolean(json.moderator),
    showAudioVideoTest: asBoolean(json.showAudioVideoTest),
    allowRecording: asBoolean(json.allowRecording),
    allowSameURLMultipleTimes: asBoolean(json.allowSameURLMultipleTimes),
  };
}

/** A JSON null turns into the text "null", which passes OM's required check (protocol §5.2). */
function asText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);

  return String(value);
}

// A Java double literal, as OM's JSON library reads numeric strings.
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whole number, undefined when absent, null when it cannot be read as a number. */
function asInteger(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string' || !NUMERIC.test(value.trim())) return null;

  return Math.trunc(Number(value.trim()));
}

/** Booleans, and the strings "true" and "false"; anything else is false. */
function asBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;

  return typeof value === 'string' && value.toLowerCase() === 'true';
}
