import {request} from 'node:http';
import {
  startEmulator,
  type RunningEmulator,
  type StartEmulatorOptions,
} from '../../src/emulator/index.js';

export const SOAP_USER = {user: 'soapuser', pass: '!HansHans1'};
export const VISITOR = {
  externalId: '42',
  externalType: 'example-cms',
  firstname: 'Ada',
  lastname: 'Lovelace',
};
/** A second visitor, for tests that need two people. */
export const GRACE = {
  externalId: '7',
  externalType: 'example-cms',
  firstname: 'Grace',
  lastname: 'Hopper',
};
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let time = start;

  return {now: () => time, advance: (ms: number) => void (time += ms)};
}

export function start(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({penaltyScale: 0, ...options});
}

export interface Envelope {
  serviceResult: {message?: unknown; type: string};
}

/** Logs in the way the emulated version wants: GET up to 8.1, POST from 9.0. */
export async function login(om: RunningEmulator, user = SOAP_USER.user, pass = SOAP_USER.pass) {
  const url = `${om.url}/services/user/login`;
  const params = new URLSearchParams({user, pass});
  const response = usesGetLogin(om)
    ? await fetch(`${url}?${params}`)
    : await fetch(url, {method: 'POST', body: params});

  return {status: response.status, body: (await response.json()) as Envelope};
}

export function usesGetLogin(om: RunningEmulator): boolean {
  return Number(om.emulator.options.version.split('.')[0]) < 9;
}

export async function sid(om: RunningEmulator, user = SOAP_USER.user, pass = SOAP_USER.pass) {
  const {body} = await login(om, user, pass);
  if (body.serviceResult.type !== 'SUCCESS') throw new Error('test login failed');

  return String(body.serviceResult.message);
}

/** POSTs hash fields; strings go as they are, anything else as its JSON text. */
export async function postHash(
  om: RunningEmulator,
  sidValue: string,
  fields: Record<string, unknown>,
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    body.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const url = `${om.url}/services/user/hash?sid=${encodeURIComponent(sidValue)}`;

  return fetch(url, {method: 'POST', body});
}

/** A hash for `user` and `options`, made on `sidValue` or on a fresh login. */
export async function makeHash(
  om: RunningEmulator,
  options: Record<string, unknown> = {roomId: 5},
  user: Record<string, unknown> = VISITOR,
  sidValue?: string,
): Promise<string> {
  const response = await postHash(om, sidValue ?? (await sid(om)), {user, options});
  const body = (await response.json()) as Envelope;
  if (body.serviceResult.type !== 'SUCCESS') throw new Error(`hash failed: ${response.status}`);

  return String(body.serviceResult.message);
}

export interface Page {
  html: string;
  cookie?: string;
  /** The id of the element that names the case: room, room-closed, recording, invalid-hash. */
  view: string;
  data: Record<string, string>;
}

/** Opens `/hash` like a browser tab; pass `cookie` to stay in the same browser session. */
export async function openHash(
  om: RunningEmulator,
  hash: string,
  extra: {cookie?: string; language?: string} = {},
): Promise<Page> {
  const query = new URLSearchParams({secure: hash});
  if (extra.language !== undefined) query.set('language', extra.language);
  const response = await fetch(`${om.url}/hash?${query}`, {
    headers: extra.cookie ? {cookie: extra.cookie} : {},
  });
  if (response.status !== 200) throw new Error(`/hash answered ${response.status}`);

  const html = await response.text();
  const setCookie = response.headers.get('set-cookie')?.split(';')[0];

  return {html, cookie: setCookie ?? extra.cookie, ...facts(html)};
}

function facts(html: string): {view: string; data: Record<string, string>} {
  const match = /<(?:main|div) id="([a-z-]+)"([^>]*)>/.exec(html);
  const data: Record<string, string> = {};
  for (const [, name, value] of (match?.[2] ?? '').matchAll(/ data-([a-z-]+)="([^"]*)"/g)) {
    data[name] = unescapeHtml(value);
  }

  return {view: match?.[1] ?? '', data};
}

const ENTITIES: Record<string, string> = {'&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'"};

function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]).replace(/&amp;/g, '&');
}

export interface RawResponse {
  status: number;
  /** Header lines as sent, names lower-cased, repeated names kept apart. */
  lines: Array<[string, string]>;
  body: string;
}

/** A request through node:http, for what fetch cannot send or show (TRACE, repeated headers). */
export function raw(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, {method, headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const lines: Array<[string, string]> = [];
        for (let index = 0; index < res.rawHeaders.length; index += 2) {
          lines.push([res.rawHeaders[index].toLowerCase(), res.rawHeaders[index + 1]]);
        }
        resolve({status: res.statusCode ?? 0, lines, body: Buffer.concat(chunks).toString()});
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function headerValues(response: RawResponse, name: string): string[] {
  return response.lines.filter(([header]) => header === name).map(([, value]) => value);
}
