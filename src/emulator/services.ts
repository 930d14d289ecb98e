import {createHash} from 'node:crypto';
import {languageOrEnglish} from './languages.js';
import {acceptsJson, send, sendEmpty, sendJson, sendMethodNotAllowed} from './http.js';
import type {Headers} from './http.js';
import {serviceResult, writeJson} from './json.js';
import {labelText} from './texts.js';
import {login, roomHash, type ServiceRequest} from './user-service.js';

interface Route {
  methods: string[];
  handle(request: ServiceRequest, params: string[]): void | Promise<void>;
}

// The fixed list OM's REST layer answers an OPTIONS request with (protocol §10.1).
const OPTIONS_ALLOW = ['GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD'];

/** Everything under `{base}/services`; `path` is the rest, e.g. `/user/login`. */
export async function services(request: Omit<ServiceRequest, 'cors'>, path: string) {
  const {ctx, req, res} = request;
  const method = req.method ?? 'GET';
  // These are refused before the REST layer, so no CORS header either (protocol §10.1).
  if (method === 'HEAD' || method === 'TRACE') return sendEmpty(res, 403);

  const origin = ctx.traits.allowOrigin ? ctx.options.allowOrigin : undefined;
  const cors: Headers = origin === undefined ? {} : {'Access-Control-Allow-Origin': origin};
  const full = {...request, cors};
  if (method === 'OPTIONS') return sendEmpty(res, 200, {...cors, Allow: OPTIONS_ALLOW});

  const match = findRoute(full, path);
  if (!match) return sendEmpty(res, 404, cors);

  const [route, params] = match;
  if (!route.methods.includes(method)) return sendMethodNotAllowed(res, route.methods, cors);

  await route.handle(full, params);
}

function findRoute(request: ServiceRequest, path: string): [Route, string[]] | undefined {
  const segments = splitPath(path);
  if (!segments) return undefined;

  const joined = segments.join('/');
  if (joined === 'user' && /(^|&)_wadl(=|&|$)/.test(request.query)) {
    return [{methods: ['GET'], handle: wadl}, []];
  }

  const fixed: Record<string, Route> = {
    'user/login': {methods: [request.ctx.traits.loginMethod], handle: login},
    'user/hash': {methods: ['POST'], handle: roomHash},
    'info/version': {methods: ['GET'], handle: version},
    'info/health': {methods: ['GET'], handle: health},
  };
  if (Object.hasOwn(fixed, joined)) return [fixed[joined], []];

  // A non-numeric id in a numeric path segment does not match at all (protocol §2, §8).
  const [service, key, language, ...extra] = segments;
  if (service !== 'error' || !key || language === undefined || extra.length > 0) return undefined;
  if (!isLong(language)) return undefined;

  return [{methods: ['GET'], handle: errorText}, [key, language]];
}

/** Decoded path segments; a trailing slash is allowed. Undefined for a malformed escape. */
function splitPath(path: string): string[] | undefined {
  const segments = path.replace(/^\/+/, '').replace(/\/$/, '').split('/');
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function isLong(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;

  const value = BigInt(text);

  return value >= -(2n ** 63n) && value < 2n ** 63n;
}

/** `/services/error/{key}/{languageId}`: always SUCCESS, even for an error text (§8). */
function errorText({ctx, req, res, cors}: ServiceRequest, [key, id]: string[]) {
  if (!acceptsJson(req.headers.accept)) return sendEmpty(res, 406, cors);

  // Id 3 (German for StudIP) and unknown ids answer in English here (protocol §8, §11).
  const requested = Number(id);
  const language = requested === 3 ? 1 : languageOrEnglish(ctx.languages, requested).id;
  const text = labelText(ctx.options.labels, key, language);
  sendJson(res, 200, serviceResult(text, 'SUCCESS'), cors);
}

function version({ctx, req, res, cors}: ServiceRequest) {
  if (!acceptsJson(req.headers.accept)) return sendEmpty(res, 406, cors);

  const revision = createHash('sha1').update(ctx.traits.version).digest('hex').slice(0, 7);
  const info = {version: ctx.traits.version, revision, buildDate: buildDate(ctx.traits.version)};
  sendJson(res, 200, writeJson({info}), cors);
}

/** A made-up but stable build date, so the version answer looks like a real one. */
function buildDate(version: string): string {
  const [major = 9, minor = 0] = version.split('.').map(Number);
  const month = String(1 + ((minor * 3) % 12)).padStart(2, '0');

  return `${2014 + major}-${month}-15T10:00:00Z`;
}

function health({req, res, cors}: ServiceRequest) {
  if (!acceptsJson(req.headers.accept)) return sendEmpty(res, 406, cors);

  sendJson(res, 200, writeJson({health: {inited: true, installed: true, dbOk: true}}), cors);
}

function wadl({ctx, res, cors}: ServiceRequest) {
  const base = ctx.options.basePath;
  const xml = [
    '<?xml version="1.0"?>',
    '<application xmlns="http://wadl.dev.java.net/2009/02">',
    `  <resources base="${base}/services">`,
    '    <resource path="/user">',
    '      <resource path="/login">',
    `        <method name="${ctx.traits.loginMethod}">`,
    ...loginRequest(ctx.traits.loginMethod),
    '          <response><representation mediaType="application/json"/></response>',
    '        </method>',
    '      </resource>',
    '      <resource path="/hash">',
    '        <method name="POST">',
    '          <request>',
    wadlParam('sid'),
    formRepresentation(['user', 'options']),
    '          </request>',
    '          <response><representation mediaType="application/json"/></response>',
    '        </method>',
    '      </resource>',
    '    </resource>',
    '  </resources>',
    '</application>',
    '',
  ].join('\n');
  send(res, 200, xml, {...cors, 'Content-Type': 'application/xml'});
}

// 9.0 moved the login from query parameters to form fields (OPENMEETINGS-2816).
function loginRequest(method: 'GET' | 'POST'): string[] {
  const params = method === 'GET' ? [wadlParam('user'), wadlParam('pass')] : [];
  const form = method === 'POST' ? [formRepresentation(['user', 'pass'])] : [];

  return ['          <request>', ...params, ...form, '          </request>'];
}

function wadlParam(name: string, indent = 12): string {
  return `${' '.repeat(indent)}<param name="${name}" style="query" type="xs:string"/>`;
}

function formRepresentation(names: string[]): string {
  return [
    '            <representation mediaType="application/x-www-form-urlencoded">',
    ...names.map((name) => wadlParam(name, 14)),
    '            </representation>',
  ].join('\n');
}
