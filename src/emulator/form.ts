import type {IncomingMessage} from 'node:http';
import {parseMediaType, readBody} from './http.js';

/** Form fields by name. The first of repeated fields wins, as with CXF's `@FormParam`. */
export type Fields = Map<string, string>;

export type FormResult = {ok: true; fields: Fields} | {ok: false; status: 400 | 413};

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

export type FormKind = typeof URLENCODED | typeof MULTIPART;

/**
 * The form encoding of a request (protocol §3): no type, or the wildcard type, reads as
 * urlencoded. Undefined for any other type, which OM answers with 415 before it looks at a field.
 */
export function formKind(req: IncomingMessage): FormKind | undefined {
  const media = parseMediaType(req.headers['content-type']);
  const kind = media === undefined || media.type === '*/*' ? URLENCODED : media.type;

  return kind === URLENCODED || kind === MULTIPART ? kind : undefined;
}

/** Reads the fields of a form request; an empty body means they come from the query (§3). */
export async function readFields(
  req: IncomingMessage,
  kind: FormKind,
  query: string,
): Promise<FormResult> {
  const body = await readBody(req);
  if (body === undefined) return {ok: false, status: 413};
  if (body.length === 0) return {ok: true, fields: parseQuery(query)};

  const media = parseMediaType(req.headers['content-type']);
  const charset = media?.params.charset;
  if (kind === URLENCODED) return {ok: true, fields: parseUrlencoded(body, charset)};

  const boundary = media?.params.boundary;
  // Without its boundary a multipart body cannot be split (protocol §14, hand-set types).
  if (!boundary) return {ok: false, status: 400};

  const fields = parseMultipart(body, boundary, charset);

  return fields ? {ok: true, fields} : {ok: false, status: 400};
}

export function parseQuery(query: string): Fields {
  return parseUrlencoded(Buffer.from(query, 'latin1'), 'utf-8');
}

export function parseUrlencoded(body: Buffer, charset?: string): Fields {
  const decoder = decoderFor(charset);
  const fields: Fields = new Map();
  for (const pair of splitBytes(body, 0x26)) {
    if (pair.length === 0) continue;

    const eq = pair.indexOf(0x3d);
    const name = decodeComponent(eq < 0 ? pair : pair.subarray(0, eq), decoder);
    const value = eq < 0 ? '' : decodeComponent(pair.subarray(eq + 1), decoder);
    if (!fields.has(name)) fields.set(name, value);
  }

  return fields;
}

/** Splits a multipart body into its named parts. Undefined when the body is malformed. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
  charset?: string,
): Fields | undefined {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const fields: Fields = new Map();
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;

  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString('latin1') === '--') return fields;

    position = skipLineBreak(body, position);
    const headerEnd = body.indexOf('\r\n\r\n', position, 'latin1');
    if (headerEnd < 0) return undefined;

    const headers = body.subarray(position, headerEnd).toString('utf-8');
    const contentStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), contentStart);
    if (next < 0) return undefined;

    const part = partInfo(headers);
    const value = decoderFor(part.charset ?? charset).decode(body.subarray(contentStart, next));
    if (part.name !== undefined && !fields.has(part.name)) fields.set(part.name, value);
    position = next + 2;
  }
}

function partInfo(headers: string): {name?: string; charset?: string} {
  const info: {name?: string; charset?: string} = {};
  for (const line of headers.split(/\r\n/)) {
    const colon = line.indexOf(':');
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = parseMediaType(line.slice(colon + 1));
    if (colon < 0 || !value) continue;

    if (header === 'content-disposition') info.name = value.params.name;
    if (header === 'content-type') info.charset = value.params.charset;
  }

  return info;
}

function skipLineBreak(body: Buffer, position: number): number {
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  if (body[position] === 0x0a) return position + 1;

  return position;
}

function decoderFor(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

function splitBytes(bytes: Buffer, separator: number): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = bytes.indexOf(separator); index >= 0; index = bytes.indexOf(separator, start)) {
    parts.push(bytes.subarray(start, index));
    start = index + 1;
  }
  parts.push(bytes.subarray(start));

  return parts;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** `+` is a space and `%XX` a byte; the bytes are then read in the form's charset. */
function decodeComponent(bytes: Buffer, decoder: TextDecoder): string {
  const out: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    const hex = bytes.subarray(index + 1, index + 3).toString('latin1');
    if (byte === 0x25 && HEX.test(hex)) {
      out.push(parseInt(hex, 16));
      index += 2;
    } else {
      out.push(byte === 0x2b ? 0x20 : byte);
    }
  }

  return decoder.decode(Uint8Array.from(out));
}
