import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Context} from './context.js';
import {parseJsonObject, toExternalUser, toRoomOptions} from './dto.js';
import {formKind, parseQuery, readFields, type Fields} from './form.js';
import {acceptsJson, sendEmpty, sendHtml, sendJson, type Headers} from './http.js';
import {serviceResult} from './json.js';
import {containerErrorPage} from './pages.js';
import type {SidRecord} from './store.js';
import type {EmulatorAccount, HashLogEntry, LoginOutcome} from './types.js';

export interface ServiceRequest {
  ctx: Context;
  req: IncomingMessage;
  res: ServerResponse;
  query: string;
  /** The CORS header, when `rest.allow.origin` is set (protocol §10.1). */
  cors: Headers;
}

/** `/services/user/login`; the router has already checked the method (protocol §4). */
export async function login({ctx, req, res, query, cors}: ServiceRequest) {
  let fields: Fields = parseQuery(query);
  // 9.0 reads form fields; up to 8.1 the login is a GET with query parameters (OPENMEETINGS-2816).
  if (ctx.traits.loginMethod === 'POST') {
    const kind = formKind(req);
    if (!kind) return sendEmpty(res, 415, cors);
    if (!acceptsJson(req.headers.accept)) return sendEmpty(res, 406, cors);

    const form = await readFields(req, kind, query);
    if (!form.ok) return sendEmpty(res, form.status, cors);

    fields = form.fields;
  } else if (!acceptsJson(req.headers.accept)) {
    return sendEmpty(res, 406, cors);
  }

  const name = fields.get('user')?.trim().toLowerCase() ?? null;
  const outcome = checkCredentials(ctx.options.accounts, name, fields.get('pass'));
  const time = ctx.store.now();
  if (outcome.result !== 'success') {
    const delaySeconds = outcome.result === 'error.bad.credentials' ? penaltySeconds(ctx) : 0;
    const delayMs = delaySeconds * 1000 * ctx.options.penaltyScale;
    ctx.store.record({
      kind: 'login',
      time,
      account: name,
      outcome: outcome.result,
      ...(delaySeconds > 0 && {delaySeconds, delayMs}),
    });
    if (!(await wait(res, delayMs))) return;

    return sendJson(res, 200, serviceResult(outcome.result, 'ERROR'), cors);
  }

  const sid = ctx.store.createSid(outcome.account.login);
  ctx.store.record({kind: 'login', time, account: name, outcome: 'success', sid: sid.id});

  return sendJson(res, 200, serviceResult(sid.id, 'SUCCESS'), cors);
}

type CredentialCheck =
  {result: 'success'; account: EmulatorAccount} | {result: Exclude<LoginOutcome, 'success'>};

/** The rows of protocol §4.2, in OM's order. Login does not look at the SOAP right. */
function checkCredentials(
  accounts: EmulatorAccount[],
  name: string | null,
  password: string | undefined,
): CredentialCheck {
  // OM trims the name before anything else, so a missing `user` fails as an unexpected error.
  if (name === null) return {result: 'error.unknown'};

  const account = accounts.find(
    (candidate) =>
      candidate.login.trim().toLowerCase() === name ||
      candidate.email?.trim().toLowerCase() === name,
  );
  if (!account || password !== account.password) return {result: 'error.bad.credentials'};
  if (!account.rights.includes('LOGIN')) return {result: 'error.notactivated'};
  if (account.groups !== undefined && account.groups.length === 0) {
    return {result: 'error.nogroup'};
  }

  return {result: 'success', account};
}

/** 6 to 15 whole seconds on 9.x only (OPENMEETINGS-2817); `penaltyScale` shortens the wait. */
function penaltySeconds(ctx: Context): number {
  if (!ctx.traits.badCredentialsDelay) return 0;

  return 6 + Math.min(9, Math.floor(ctx.options.random() * 10));
}

/** Waits without blocking other requests; false when the client went away meanwhile. */
function wait(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(true);

  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

/** `/services/user/hash`, checked in the order of protocol §5.4. */
export async function roomHash(request: ServiceRequest) {
  const {ctx, req, res, query, cors} = request;
  const sidParam = parseQuery(query).get('sid') ?? null;
  const time = ctx.store.now();
  const entry: HashLogEntry = {kind: 'hash', time, sid: sidParam, outcome: '', status: 0};
  const reject = (status: number) => {
    Object.assign(entry, {outcome: String(status), status});
    ctx.store.record(entry);
    sendEmpty(res, status, cors);
  };

  const kind = formKind(req);
  if (!kind) return reject(415);
  if (!acceptsJson(req.headers.accept)) return reject(406);

  const form = await readFields(req, kind, query);
  if (!form.ok) return reject(form.status);

  const userText = form.fields.get('user');
  const optionsText = form.fields.get('options');
  const userJson = userText === undefined ? undefined : parseJsonObject(userText);
  const optionsJson = optionsText === undefined ? undefined : parseJsonObject(optionsText);
  if ((userText !== undefined && !userJson) || (optionsText !== undefined && !optionsJson)) {
    return reject(400);
  }

  const options = optionsJson && toRoomOptions(optionsJson, ctx.traits.externalRoomOptions);
  if (optionsJson && !options) return reject(400);

  const user = userJson && toExternalUser(userJson);
  Object.assign(entry, {user, options});
  const sid = ctx.store.useSid(sidParam);
  if (!sid || !rightsOf(ctx, sid).includes('SOAP')) {
    return serviceError(request, entry, 'error.notallowed');
  }
  if (!user) return serviceError(request, entry, nullPointer('ExternalUserDTO', 'user'));
  if (!options) return serviceError(request, entry, nullPointer('RoomOptionsDTO', 'options'));

  if (ctx.traits.externalUserRequired && (!user.externalId || !user.externalType)) {
    const message = 'externalId and/or externalType are not set';
    Object.assign(entry, {outcome: message, status: 200});
    ctx.store.record(entry);

    return sendJson(res, 200, serviceResult(message, 'ERROR'), cors);
  }

  // The identity goes on the SID, not on the hash, and replaces the previous one (protocol §6).
  sid.identity = user;
  if (options.allowSameURLMultipleTimes) sid.permanent = true;
  const record = ctx.store.addHash(sid, options, entry);
  Object.assign(entry, {outcome: 'success', status: 200, hash: record.hash, used: false});
  ctx.store.record(entry);

  return sendJson(res, 200, serviceResult(record.hash, 'SUCCESS'), cors);
}

function rightsOf(ctx: Context, sid: SidRecord): string[] {
  // A SID re-bound at redemption belongs to a visitor with only the ROOM right (protocol §6).
  if (sid.visitor !== undefined) return ['ROOM'];

  return ctx.options.accounts.find((account) => account.login === sid.account)?.rights ?? [];
}

function nullPointer(type: string, parameter: string): string {
  const method = type === 'ExternalUserDTO' ? 'getExternalId' : 'getRoomId';
  const pkg = type === 'ExternalUserDTO' ? 'user' : 'room';

  return (
    `Cannot invoke "org.apache.openmeetings.db.dto.${pkg}.${type}.${method}()" ` +
    `because "${parameter}" is null`
  );
}

/**
 * A service exception. From 6.3 it is a 500 with a JSON body and an `exception` header
 * (OPENMEETINGS-2701); before, the servlet container's error page without the CORS header.
 */
function serviceError({ctx, res, cors}: ServiceRequest, entry: HashLogEntry, message: string) {
  Object.assign(entry, {outcome: message, status: 500});
  ctx.store.record(entry);
  if (!ctx.traits.jsonServiceErrors) return sendHtml(res, 500, containerErrorPage(message));

  sendJson(res, 500, serviceResult(message, 'ERROR'), {...cors, exception: message});
}
