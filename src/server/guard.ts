import {configError} from '../client/errors.js';

/** Exact origins (`https://www.example.org`) whose pages may ask for a room URL. */
export type OriginList = ReadonlySet<string>;

/** Checks and normalises `allowedOrigins`: each entry a bare http(s) origin, no path, no `*`. */
export function originList(values: readonly string[] = []): OriginList {
  const origins = new Set<string>();
  for (const value of values) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    const bare = url && /^https?:$/.test(url.protocol) && url.href === `${url.origin}/`;
    if (!url || !bare || value.replace(/\/$/, '').toLowerCase() !== url.origin) {
      const expected = `expected an origin such as https://www.example.org, got "${value}"`;
      throw configError('allowedOrigins', expected);
    }
    origins.add(url.origin);
  }

  return origins;
}

/**
 * Why a POST must be refused as cross-site, or undefined when it may go on. A page may post
 * from this server's own origin or from a listed one. A request with neither `Origin` nor
 * `Sec-Fetch-Site` comes from no browser, so it carries no visitor's cookies to abuse.
 */
export function crossSiteRefusal(request: Request, allowed: OriginList): string | undefined {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (origin !== null && origin !== 'null') {
    if (origin === ownOrigin(request) || allowed.has(origin)) return undefined;
    // Only a browser sets Sec-Fetch-Site. same-origin with another Origin means a proxy in front
    // of this server rewrote the scheme or host.
    if (site === 'same-origin') return undefined;

    return `requests from ${origin} are not allowed; list the origin in allowedOrigins`;
  }
  if (origin === 'null') return 'requests from an opaque origin (Origin: null) are not allowed';
  if (site === null || site === 'same-origin' || site === 'none') return undefined;

  return `a ${site} request without an Origin header is not allowed`;
}

/**
 * Why a GET join (a plain link) must be refused. A link click sends no Origin, so the browser's
 * Sec-Fetch-Site decides; `none` is a typed URL or a bookmark. Without Sec-Fetch-Site (older
 * browsers) the Referer must show this origin or a listed one.
 */
export function crossSiteLinkRefusal(request: Request, allowed: OriginList): string | undefined {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return undefined;

  const referrer = refererOrigin(request);
  if (site === null && referrer === ownOrigin(request)) return undefined;
  if (referrer && allowed.has(referrer)) return undefined;
  if (site === null) {
    return 'a join link needs a Referer from this site when the browser sends no Sec-Fetch-Site';
  }

  return `a ${site} join link is not allowed${referrer ? ` from ${referrer}` : ''}`;
}

/** CORS headers for a listed origin other than our own; nothing otherwise. */
export function corsHeaders(request: Request, allowed: OriginList): Record<string, string> {
  const origin = request.headers.get('origin');
  if (!origin || origin === ownOrigin(request) || !allowed.has(origin)) return {};

  return {'access-control-allow-origin': origin, vary: 'Origin'};
}

/** The answer to a CORS preflight: only listed origins may post JSON here. */
export function preflight(request: Request, allowed: OriginList): Response {
  const cors = corsHeaders(request, allowed);
  if (!cors['access-control-allow-origin']) return new Response(null, {status: 403});

  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    },
  });
}

/**
 * True for `application/json`, with no charset or UTF-8. HTML forms can only send urlencoded,
 * multipart or text/plain, so this alone stops a cross-site form post.
 */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;

  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;

  const charsets = params.filter((param) => param.startsWith('charset='));

  return charsets.every((param) => /^charset="?utf-8"?$/.test(param));
}

function ownOrigin(request: Request): string {
  return new URL(request.url).origin;
}

function refererOrigin(request: Request): string | undefined {
  const referer = request.headers.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
