import {stepName} from '../client/envelope.js';
import {OmError, type OmErrorCode} from '../client/errors.js';

/** The `code` of an error answer: the client's codes plus the endpoint's own refusals. */
export type EndpointErrorCode =
  | OmErrorCode
  | 'method'
  | 'cross-site'
  | 'unsupported-media-type'
  | 'too-large'
  | 'rate-limited'
  | 'internal';

/** `{"error":{"code","message","field"?}}` with no-store, the shape every failure answers with. */
export function errorResponse(
  status: number,
  code: EndpointErrorCode | (string & {}),
  message: string,
  headers: Record<string, string> = {},
  field?: string,
): Response {
  return json(status, {error: {code, message, ...(field && {field})}}, headers);
}

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: {'content-type': 'application/json', 'cache-control': 'no-store', ...headers},
  });
}

const upstreamStatus: Partial<Record<OmErrorCode, number>> = {
  // The client refuses bad input before any request, so a config error here is the site's setup.
  config: 500,
  timeout: 504,
};

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Socket errors name the peer (`connect ECONNREFUSED 10.0.0.7:5080`), whatever the base URL says.
const address =
  /\[[0-9a-f:.]+\](?::\d+)?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?::\d+)?/gi;

export interface Redaction {
  /** The OpenMeetings base this server reaches, which browsers need not learn. */
  internalBase: string;
  password: string;
}

/**
 * The answer for a failed OpenMeetings step: its code and message, with 502 for anything that
 * OpenMeetings said or failed to say, and 504 when it did not answer in time.
 */
export function upstreamResponse(error: OmError, redaction: Redaction): Response {
  const status = upstreamStatus[error.code] ?? 502;
  const fixed = transportText[error.code];
  // Socket and TLS errors describe the network behind this server (peer addresses, certificate
  // names): the answer keeps only the error code; `onError` gets the whole error.
  const message = fixed
    ? redact(
        `OpenMeetings ${stepName[error.step]} failed: ${fixed}${errno(error.message)}${where(error)}`,
        redaction,
      )
    : redact(error.message, redaction);

  return errorResponse(status, error.code, message, {}, error.field);
}

const transportText: Partial<Record<OmErrorCode, string>> = {
  network: 'the connection failed',
  tls: 'its TLS certificate was not accepted',
  timeout: 'no answer in time',
  aborted: 'the request was aborted',
};

function where({method, url}: OmError): string {
  return method && url ? ` (${method} ${url})` : '';
}

function errno(message: string): string {
  const code = /\b(E[A-Z]{2,}[A-Z_]*|(?:ERR_TLS|UNABLE_TO|CERT|DEPTH|SELF_SIGNED)[A-Z_]*)\b/.exec(
    message,
  );

  return code ? ` (${code[1]})` : '';
}

/**
 * Messages name the step, method and path but never the internal OM address, the password, or
 * a SID or hash: both are UUIDs (protocol §4.2, §5.4), and the client never puts them in a
 * message; this is the second line of defence.
 */
export function redact(message: string, {internalBase, password}: Redaction): string {
  let text = internalBase ? message.split(internalBase).join('…') : message;
  const {host, hostname} = internalBase ? new URL(internalBase) : {host: '', hostname: ''};
  for (const name of [host, hostname]) {
    // A one-word host such as `om` would also match inside ordinary words.
    if (name.length >= 4 || name.includes('.')) text = text.split(name).join('…');
  }
  text = text.replace(address, '…');
  // A very short password would match inside ordinary words such as error.bad.credentials.
  if (password.length >= 6) text = text.split(password).join('[password]');

  return text.replace(uuid, '[redacted]');
}
