import type {IncomingMessage, ServerResponse} from 'node:http';
import {createServer as createViteServer, type Plugin, type ViteDevServer} from 'vite';
import {createEmulator} from '../src/emulator/index.js';
import {createTokenHandler, guestVisitors, toNodeListener} from '../src/server/index.js';

export interface DemoOptions {
  port?: number;
  /** A real OpenMeetings; without it the embedded emulator answers at /openmeetings. */
  omUrl?: string;
  omUser?: string;
  omPassword?: string;
  omPublicUrl?: string;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The demo on one origin: the page, the token endpoint at /api/om/join, and OpenMeetings at
 * /openmeetings (the emulator, or a proxy to OM_URL), like a site behind a reverse proxy.
 */
export async function startDemo(
  options: DemoOptions = {},
): Promise<{url: string; server: ViteDevServer}> {
  const host = '127.0.0.1';
  const routes: Array<[string, Middleware]> = [];
  const real = options.omUrl;
  const plugin: Plugin = {
    name: 'om-join-demo',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.writeHead(302, {location: '/demo/'}).end();

          return;
        }
        const route = routes.find(([prefix]) => req.url?.startsWith(prefix));
        if (route) route[1](req, res, next);
        else next();
      });
    },
  };
  const server = await createViteServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'warn',
    server: {
      host,
      port: options.port ?? 5173,
      strictPort: options.port !== undefined,
      proxy: real
        ? {'/openmeetings': {target: new URL(real).origin, changeOrigin: true}}
        : undefined,
    },
    plugins: [plugin],
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origin = `http://${host}:${port}`;

  if (!real) {
    // A short bad-password wait keeps the failing demo button quick; OM 9 waits 6 to 15 s.
    const emulator = createEmulator({penaltyScale: 0.1});
    routes.push(['/openmeetings', (req, res, next) => emulator.handle(req, res, next)]);
  }
  const omUrl = real ?? `${origin}/openmeetings`;
  const omPublicUrl = options.omPublicUrl ?? (real ? `${origin}/openmeetings` : omUrl);
  const account = real
    ? {user: options.omUser ?? '', password: options.omPassword ?? ''}
    : {user: 'soapuser', password: '!HansHans1'};
  const resolveUser = guestVisitors({externalType: 'om-join-demo'});
  const join = createTokenHandler({omUrl, omPublicUrl, ...account, resolveUser});
  // Fails on purpose: a wrong service password, to show how an error reads.
  const broken = createTokenHandler({
    omUrl,
    omPublicUrl,
    user: account.user,
    password: 'wrong',
    resolveUser,
  });
  routes.push(['/api/om/join-broken', toNodeListener(broken)]);
  routes.push(['/api/om/join', toNodeListener(join)]);

  return {url: `${origin}/demo/`, server};
}
