import type {TokenRequest} from '../client/token.js';

/** The JSON body the element posts: one contract, defined where the element's request is made. */
export type JoinRequestBody = TokenRequest;

/** A request the endpoint refuses before OpenMeetings is asked; it names the field at fault. */
export class InputError extends Error {
  constructor(
    readonly status: number,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InputError';
  }
}

export const DEFAULT_MAX_BODY_BYTES = 4096;
const MAX_NAME = 64;
const MAX_EXTERNAL_ROOM_ID = 128;
const MAX_LANGUAGE = 9999;

// Identity and rights are the site's decision in resolveUser (protocol §14: a moderator flag
// from the page lets any visitor become super-moderator). Saying so beats ignoring them quietly.
const serverOnly = new Set([
  'moderator',
  'externalId',
  'externalType',
  'login',
  'email',
  'profilePictureUrl',
  'user',
  'options',
  'sid',
  'hash',
  'allowSameURLMultipleTimes',
  'allowRecording',
  'showAudioVideoTest',
]);

/**
 * Reads at most `limit` bytes of UTF-8, chunk by chunk, and stops at the first byte over it:
 * an unbounded body is never buffered.
 */
export async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return '';

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;

    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    throw new InputError(400, 'body', 'expected UTF-8 text');
  }
}

function tooLarge(limit: number): InputError {
  return new InputError(413, 'body', `larger than ${limit} bytes`);
}

/**
 * Checks the posted JSON. Unknown fields are ignored, so a newer element can talk to an older
 * endpoint; fields that would set identity or rights are refused by name.
 */
export function parseJoinJson(text: string): JoinRequestBody {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(400, 'body', 'expected a JSON object, got text that is not JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(400, 'body', `expected a JSON object, got ${describe(raw)}`);
  }
  const input = raw as Record<string, unknown>;
  refuseServerOnly(Object.keys(input));

  return checked({
    roomId: positiveInteger('roomId', input.roomId, Number.MAX_SAFE_INTEGER),
    recordingId: positiveInteger('recordingId', input.recordingId, Number.MAX_SAFE_INTEGER),
    language: positiveInteger('language', input.language, MAX_LANGUAGE),
    externalRoomId: textField('externalRoomId', input.externalRoomId, MAX_EXTERNAL_ROOM_ID),
    firstname: nameField('firstname', input.firstname),
    lastname: nameField('lastname', input.lastname),
  });
}

/** The same fields from a query string, for the GET form (`?roomId=5&language=2`). */
export function parseJoinQuery(query: URLSearchParams): JoinRequestBody {
  const keys = [...query.keys()];
  refuseServerOnly(keys);
  const one = (field: string): string | undefined => {
    const values = query.getAll(field);
    if (values.length > 1) throw new InputError(400, field, 'given more than once');

    return values[0];
  };
  const integer = (field: string, max: number) => {
    const value = one(field);
    if (value === undefined) return undefined;
    if (!/^\d{1,16}$/.test(value)) {
      throw new InputError(400, field, `expected a positive whole number, got "${clip(value)}"`);
    }

    return positiveInteger(field, Number(value), max);
  };

  return checked({
    roomId: integer('roomId', Number.MAX_SAFE_INTEGER),
    recordingId: integer('recordingId', Number.MAX_SAFE_INTEGER),
    language: integer('language', MAX_LANGUAGE),
    externalRoomId: textField('externalRoomId', one('externalRoomId'), MAX_EXTERNAL_ROOM_ID),
    firstname: nameField('firstname', one('firstname')),
    lastname: nameField('lastname', one('lastname')),
  });
}

function refuseServerOnly(keys: string[]): void {
  const field = keys.find((key) => serverOnly.has(key));
  if (field) {
    const message = 'not accepted from the browser; the site decides it on the server';
    throw new InputError(400, field, message);
  }
}

function checked(fields: JoinRequestBody): JoinRequestBody {
  const body: JoinRequestBody = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(body, {[key]: value});
  }
  if (body.roomId === undefined && body.recordingId === undefined && !body.externalRoomId) {
    const message = 'expected a room id, a recording id or an external room id';
    throw new InputError(400, 'roomId', message);
  }

  return body;
}

function positiveInteger(field: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') {
    throw new InputError(400, field, `expected a positive whole number, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value) || value <= 0 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? '' : ` up to ${max}`;
    const message = `expected a positive whole number${range}, got ${clip(String(value))}`;
    throw new InputError(400, field, message);
  }

  return value;
}

function textField(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(400, field, `expected a string, got ${describe(value)}`);
  }
  // Lone surrogates are not text; OpenMeetings would store them as replacement characters.
  if (/\p{Cc}|\p{Cs}/u.test(value)) {
    throw new InputError(400, field, 'contains control characters or broken UTF-16');
  }
  if ([...value].length > max) throw new InputError(400, field, `longer than ${max} characters`);

  return value;
}

// Invisible or layout-changing characters: format characters except the joiners that emoji and
// Persian names need, line and paragraph separators, and the blank-looking fillers.
const invisible = /(?![\u200c\u200d])\p{Cf}|\p{Zl}|\p{Zp}|[\u115f\u1160\u3164\u2800\uffa0]/gu;
// More than a few marks stacked on one letter only serves to smear text over the room's UI.
const stackedMarks = /(\p{M}{4})\p{M}+/gu;

/**
 * A name as OpenMeetings will show it to everyone in the room: no invisible characters, no
 * stacks of marks. A name with nothing visible left counts as not given.
 */
function nameField(field: string, value: unknown): string | undefined {
  const text = textField(field, value, MAX_NAME);
  if (text === undefined) return undefined;
  const clean = text.replace(invisible, '').replace(stackedMarks, '$1').trim();

  return /[\p{L}\p{N}\p{S}\p{P}]/u.test(clean) ? clean : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string "${clip(value)}"`;
  if (typeof value === 'object') return 'an object';

  return `a ${typeof value}`;
}

function clip(value: string): string {
  return value.length > 24 ? `${value.slice(0, 24)}…` : value;
}
