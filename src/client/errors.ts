/** What went wrong, as a stable code that pages and translations can key on. */
export type OmErrorCode =
  | 'config'
  | 'bad-credentials'
  | 'not-activated'
  | 'no-group'
  | 'not-allowed'
  | 'missing-external-id'
  | 'om-error'
  | 'http'
  | 'bad-response'
  | 'network'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'endpoint'
  | 'refused';

/** Which step of the join failed. */
export type OmStep = 'config' | 'login' | 'hash' | 'error-text' | 'token' | 'open';

export interface OmErrorDetails {
  step: OmStep;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** OpenMeetings' message key or text (`error.notallowed`), when it sent one. */
  key?: string;
  /** The attribute or field at fault, for configuration errors. */
  field?: string;
  method?: string;
  /** The request URL without its query string, which may hold a SID. */
  url?: string;
  cause?: unknown;
}

/**
 * The one error type of the join flow. Its message says which step failed and gives the
 * facts; it never holds a password, SID or hash.
 */
export class OmError extends Error {
  readonly code: OmErrorCode;
  readonly step: OmStep;
  readonly status?: number;
  readonly key?: string;
  readonly field?: string;
  readonly method?: string;
  readonly url?: string;

  constructor(code: OmErrorCode, message: string, details: OmErrorDetails) {
    super(message, details.cause === undefined ? undefined : {cause: details.cause});
    this.name = 'OmError';
    this.code = code;
    this.step = details.step;
    this.status = details.status;
    this.key = details.key;
    this.field = details.field;
    this.method = details.method;
    this.url = details.url;
  }
}

/** A configuration error that names the field and what was expected. */
export function configError(field: string, expected: string): OmError {
  return new OmError('config', `${field}: ${expected}`, {step: 'config', field});
}

/** The URL as it may appear in a message: no query, no fragment, no user info. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    parsed.username = '';
    parsed.password = '';

    return parsed.href;
  } catch {
    return url.split(/[?#]/, 1)[0];
  }
}
