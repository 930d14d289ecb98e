import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {createServer as createTlsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import assert from 'node:assert/strict';
import type {TestContext} from 'node:test';
import {OmError} from '../../src/client/index.js';
import {
  startEmulator,
  type EmulatorLogEntry,
  type HashLogEntry,
  type LoginLogEntry,
  type RunningEmulator,
  type StartEmulatorOptions,
} from '../../src/emulator/index.js';
import {
  guestVisitors,
  startTokenServer,
  type TokenServer,
  type TokenServerOptions,
} from '../../src/server/index.js';

export const ACCOUNT = {user: 'soapuser', password: '!HansHans1'};
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An emulator on loopback that the test closes when it ends. */
export async function startOm(
  t: TestContext,
  options: StartEmulatorOptions = {},
): Promise<RunningEmulator> {
  const om = await startEmulator({port: 0, penaltyScale: 0.001, ...options});
  t.after(() => om.close());

  return om;
}

/** A token server for guests in front of `om`, closed when the test ends. */
export async function startEndpoint(
  t: TestContext,
  om: RunningEmulator,
  options: Partial<TokenServerOptions> = {},
): Promise<TokenServer> {
  const server = await startTokenServer({
    omUrl: om.url,
    ...ACCOUNT,
    resolveUser: guestVisitors({externalType: 'test-site'}),
    ...options,
  });
  t.after(() => server.close());

  return server;
}

export interface JoinAnswer {
  status: number;
  headers: Headers;
  body: {url?: string; error?: {code: string; message: string; field?: string}};
}

/** Posts a join as the element does: JSON, from the endpoint's own origin unless told otherwise. */
export async function postJoin(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JoinAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: new URL(url).origin,
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  return {status: response.status, headers: response.headers, body: await response.json()};
}

export interface RoomView {
  kind: 'room' | 'invalid' | 'other';
  roomId?: number;
  user?: string;
  externalId?: string;
  moderator?: boolean;
  language?: number;
}

/** Opens a room URL as a fresh browser would and reads the emulator page's data attributes. */
export async function openRoom(url: string): Promise<RoomView> {
  const html = await (await fetch(url)).text();
  if (html.includes('id="invalid-hash"')) return {kind: 'invalid'};

  const main = /<main id="room"([^>]*)>/.exec(html)?.[1];
  if (!main) return {kind: 'other'};
  const data = (name: string) => {
    const value = new RegExp(` data-${name}="([^"]*)"`).exec(main)?.[1];

    return value === undefined ? undefined : unescapeHtml(value);
  };

  return {
    kind: 'room',
    roomId: Number(data('room-id')),
    user: data('user'),
    externalId: data('external-id'),
    moderator: data('moderator') === 'true',
    language: Number(data('language')),
  };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function logins(om: RunningEmulator): LoginLogEntry[] {
  return om.emulator.log().filter((entry): entry is LoginLogEntry => entry.kind === 'login');
}

export function hashes(om: RunningEmulator): HashLogEntry[] {
  return om.emulator.log().filter((entry): entry is HashLogEntry => entry.kind === 'hash');
}

/** Every call the emulator recorded: logins, hashes and redemptions. */
export function omCalls(om: RunningEmulator): EmulatorLogEntry[] {
  return om.emulator.log();
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One request through node:http, for what fetch cannot send: exact bytes, no Content-Type,
 * a chunked body of any size, or a body written in pieces.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer | Buffer[];
    /** Another loopback address to send from, e.g. 127.0.0.2: a second client. */
    localAddress?: string;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const {method = 'POST', headers, localAddress} = options;
    const request = httpRequest(url, {method, headers, localAddress});
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({status: response.statusCode ?? 0, headers: response.headers, text});
      });
    });
    // The server may close after answering a body it refused to read; the answer came first.
    request.on('error', (error) => reject(error));
    const parts = Array.isArray(options.body) ? options.body : options.body ? [options.body] : [];
    for (const part of parts) request.write(part);
    request.end();
  });
}

/** A PEM key and self-signed certificate for 127.0.0.1, valid until 2126, for TLS failures. */
export const SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgx6FmoAJFgi5b22TM
LjM74IAhCycK8ELUkydpicdT9j6hRANCAARTjkOCNY3ZMEf57BLIGa5AzyCpcw3Z
4qvfIiQAbjtJ59odQl9Ehj0/F78e+ByTDBDPPD53lKg9v/NnfCrQGLn5
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUVUBpCPX2QExWcibnsa0s43O087swCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNDE2MDk1MloYDzIxMjYxMTEw
MTYwOTUyWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARTjkOCNY3ZMEf57BLIGa5AzyCpcw3Z4qvfIiQAbjtJ59odQl9Ehj0/
F78e+ByTDBDPPD53lKg9v/NnfCrQGLn5o2QwYjAdBgNVHQ4EFgQUu8MV+G7lpTcI
Y55OR8MEOgzuM9QwHwYDVR0jBBgwFoAUu8MV+G7lpTcIY55OR8MEOgzuM9QwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQCE4tOQCRa0Jp2ccZDbp1oj9YHOvZGI94LSv8VFluSYkgIgUB16d0S2n+a+Scx6
FYKwDbuH6PND3LxQLfyJeccwOn8=
-----END CERTIFICATE-----
`,
};

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A small misbehaving server on loopback, standing in for a broken OpenMeetings. Returns its
 * base URL, `/openmeetings` included. `tls` serves it over https with the self-signed pair.
 */
export async function startFault(t: TestContext, listener: Listener, tls = false): Promise<string> {
  const server: Server = tls ? createTlsServer(SELF_SIGNED, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const {port} = server.address() as AddressInfo;

  return `${tls ? 'https' : 'http'}://127.0.0.1:${port}/openmeetings`;
}

/** What `promise` rejects with, which must be an OmError. */
export async function rejection(promise: Promise<unknown>): Promise<OmError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof OmError, String(error));

  return error;
}
