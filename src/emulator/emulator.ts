import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Context} from './context.js';
import {hashPage} from './hash-page.js';
import {send, sendEmpty, sendHtml, sendMethodNotAllowed, splitUrl} from './http.js';
import {languagesOf} from './languages.js';
import {resolveOptions} from './options.js';
import {homePage} from './pages.js';
import {services} from './services.js';
import {Store} from './store.js';
import type {Emulator, EmulatorOptions} from './types.js';
import {versionTraits} from './versions.js';

/** An OpenMeetings stand-in for the join flow, as Node/connect middleware. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveOptions(options);
  const ctx: Context = {
    options: resolved,
    traits: versionTraits(resolved.version),
    languages: languagesOf(resolved.version),
    store: new Store(resolved),
  };

  return {
    options: resolved,
    handle(req, res, next) {
      route(ctx, req, res, next).catch(() => {
        if (!res.headersSent) sendEmpty(res, 500);
        else res.destroy();
      });
    },
    advanceClock: (ms) => ctx.store.advance(ms),
    log: () => ctx.store.log(),
    reset: () => ctx.store.reset(),
  };
}

async function route(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  next: (() => void) | undefined,
) {
  const {path, query} = splitUrl(req.url);
  const base = ctx.options.basePath;
  if (path !== base && !path.startsWith(`${base}/`)) return next ? next() : sendEmpty(res, 404);

  const rest = path.slice(base.length) || '/';
  if (rest === '/services' || rest.startsWith('/services/')) {
    return services({ctx, req, res, query}, rest.slice('/services'.length));
  }

  // Outside the REST layer OM refuses every method but GET and POST (protocol §9.2).
  if (req.method !== 'GET' && req.method !== 'POST') return sendEmpty(res, 403);
  if (rest === '/hash') return hashPage(ctx, req, res, query);
  if (rest === '/') return sendHtml(res, 200, homePage());
  if (rest === '/_emulator/log') {
    if (req.method !== 'GET') return sendMethodNotAllowed(res, ['GET'], {});

    const json = JSON.stringify(ctx.store.log());

    return send(res, 200, json, {'Content-Type': 'application/json', 'Cache-Control': 'no-store'});
  }

  sendEmpty(res, 404);
}
