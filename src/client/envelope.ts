import {OmError, type OmErrorCode, type OmStep} from './errors.js';

/** The inside of OpenMeetings' `{"serviceResult":{…}}` envelope (protocol §2). */
export interface ServiceResult {
  message: string;
  type: 'SUCCESS' | 'ERROR';
}

export interface Facts {
  step: OmStep;
  method: string;
  /** Without its query, which may hold a SID or, before OM 9, the password. */
  url: string;
}

export const stepName: Record<OmStep, string> = {
  config: 'configuration',
  login: 'login',
  hash: 'hash request',
  'error-text': 'error text request',
  token: 'token request',
  open: 'room opening',
};

// Node's fetch reports these as the `code` of the cause; browsers hide them behind a TypeError.
const tlsCode = /CERT|SSL|TLS|UNABLE_TO_(VERIFY|GET_ISSUER)|HOSTNAME_MISMATCH|SIGNATURE/;

/** Turns whatever the fetch threw into an OmError that names the step, method and URL. */
export function transportError(error: unknown, facts: Facts): OmError {
  const where = `(${facts.method} ${facts.url})`;
  const what = `OpenMeetings ${stepName[facts.step]} failed`;
  if (error instanceof OmError) return error;
  // Our own time limit and AbortSignal.timeout() both reject with a DOMException of this name.
  if (errorName(error) === 'TimeoutError') {
    return new OmError('timeout', `${what}: no answer in time ${where}`, {...facts, cause: error});
  }
  if (errorName(error) === 'AbortError') {
    return new OmError('aborted', `${what}: aborted ${where}`, {...facts, cause: error});
  }

  const root = rootCause(error);
  if (root.code && tlsCode.test(root.code)) {
    const message = `${what}: TLS certificate problem (${root.message}, ${root.code}) ${where}`;

    return new OmError('tls', message, {...facts, cause: error});
  }
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause.
  const reason = root.code ? `${root.message} (${root.code})` : root.message;

  return new OmError('network', `${what}: ${reason} ${where}`, {...facts, cause: error});
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error || error instanceof DOMException ? error.name : undefined;
}

function rootCause(error: unknown): {message: string; code?: string} {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = current instanceof Error ? current.cause : undefined;
    if (next === undefined || next === null) break;

    current = next;
  }
  const code = (current as {code?: unknown} | null)?.code;
  const message = current instanceof Error ? current.message : String(current);

  return {message, code: typeof code === 'string' ? code : undefined};
}

/** Reads the envelope, or throws an OmError saying what came instead (protocol §2, §5.4). */
export async function readResult(response: Response, facts: Facts): Promise<ServiceResult> {
  const where = `(${facts.method} ${facts.url})`;
  const what = `OpenMeetings ${stepName[facts.step]} failed`;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportError(error, facts);
  }
  const result = parseEnvelope(text);
  const status = response.status;
  if (status === 200 && result) return result;

  // Browsers hide a manual redirect behind status 0; Node shows the 3xx itself.
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    const message = `${what}: OpenMeetings answered with a redirect (HTTP ${status || '3xx'}); give the address it redirects to as the base URL ${where}`;
    throw new OmError('http', message, {...facts, status: status || undefined});
  }

  if (status === 200) {
    const kind = describeBody(text, response.headers.get('content-type'));
    const message = `${what}: HTTP 200 with ${kind}, not a serviceResult ${where}`;
    throw new OmError('bad-response', message, {...facts, status});
  }

  // From 6.3 a refused SID is a 500 with a JSON body; before, the container's HTML page (§5.4).
  const key = result?.message || undefined;
  const code: OmErrorCode = key === 'error.notallowed' ? 'not-allowed' : 'http';
  const contentType = response.headers.get('content-type');
  const detail = key ?? (text ? `(${describeBody(text, contentType)})` : '(empty body)');

  throw new OmError(code, `${what}: HTTP ${status} ${detail} ${where}`, {...facts, status, key});
}

/** Reads `{"serviceResult":{…}}`, including the 3.x shape with `code` (protocol §2). */
export function parseEnvelope(text: string): ServiceResult | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const inner = (json as {serviceResult?: unknown} | null)?.serviceResult as
    {message?: unknown; type?: unknown} | undefined;
  if (!inner || typeof inner !== 'object') return undefined;
  if (inner.type !== 'SUCCESS' && inner.type !== 'ERROR') return undefined;

  // The JSON writer turns numeric-looking strings into numbers (protocol §2).
  const message = inner.message === undefined || inner.message === null ? '' : `${inner.message}`;

  return {message, type: inner.type};
}

function describeBody(text: string, contentType: string | null): string {
  if (!text) return 'an empty body';
  if (/html/i.test(contentType ?? '') || /^\s*</.test(text)) return 'an HTML page';

  return 'a body that is not a serviceResult';
}
