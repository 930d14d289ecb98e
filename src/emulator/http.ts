import type {IncomingMessage, OutgoingHttpHeaders, ServerResponse} from 'node:http';

export type Headers = OutgoingHttpHeaders;

/** Writes a whole response. An empty body still gets `Content-Length: 0`. */
export function send(res: ServerResponse, status: number, body: string, headers: Headers = {}) {
  res.writeHead(status, {...headers, 'Content-Length': Buffer.byteLength(body)});
  res.end(body);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Headers = {}) {
  send(res, status, '', headers);
}

export function sendJson(res: ServerResponse, status: number, json: string, headers: Headers = {}) {
  send(res, status, json, {...headers, 'Content-Type': 'application/json'});
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}) {
  send(res, status, html, {...headers, 'Content-Type': 'text/html;charset=UTF-8'});
}

/** 405 with one `Allow` line per method, as CXF sends it (protocol §2). */
export function sendMethodNotAllowed(res: ServerResponse, allowed: string[], headers: Headers) {
  sendEmpty(res, 405, {...headers, Allow: allowed});
}

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** Parses `type/subtype; name=value` with quoted values. Undefined when there is no type. */
export function parseMediaType(header: string | undefined): MediaType | undefined {
  if (!header || !header.trim()) return undefined;

  const [type = '', ...rest] = splitOutsideQuotes(header, ';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;

    const name = part.slice(0, eq).trim().toLowerCase();
    params[name] = unquote(part.slice(eq + 1).trim());
  }

  return {type: type.trim().toLowerCase(), params};
}

/** True unless an `Accept` header leaves JSON out, which gets 406 (protocol §2). */
export function acceptsJson(header: string | undefined): boolean {
  if (!header || !header.trim()) return true;

  return splitOutsideQuotes(header, ',').some((range) => {
    const media = parseMediaType(range);
    if (!media) return false;

    const quality = media.params.q === undefined ? 1 : Number(media.params.q);
    if (!(quality > 0)) return false;

    return ['*/*', 'application/*', 'application/json'].includes(media.type);
  });
}

export const BODY_LIMIT = 1024 * 1024;

/** The request body, or undefined when it is larger than `limit`. */
export async function readBody(
  req: IncomingMessage,
  limit = BODY_LIMIT,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return undefined;

    chunks.push(buffer);
  }

  return Buffer.concat(chunks);
}

/** Path and query of a request URL, without touching percent-escapes in the path. */
export function splitUrl(url: string | undefined): {path: string; query: string} {
  const raw = url ?? '/';
  const mark = raw.indexOf('?');
  if (mark < 0) return {path: raw, query: ''};

  return {path: raw.slice(0, mark), query: raw.slice(mark + 1)};
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }

    current += char;
  }
  parts.push(current);

  return parts;
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;

  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}
