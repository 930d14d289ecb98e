import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {toNodeListener} from './node.js';
import {errorResponse} from './responses.js';
import {createTokenHandler, type TokenEndpointOptions} from './token-endpoint.js';

export interface TokenServerOptions extends TokenEndpointOptions {
  /** 0, the default, picks a free port. */
  port?: number;
  /** Default 127.0.0.1: only this machine, until a proxy or an explicit host says otherwise. */
  host?: string;
  /** Default `/api/om/join`. */
  path?: string;
}

export interface TokenServer {
  /** The join endpoint, e.g. `http://127.0.0.1:8787/api/om/join`. */
  url: string;
  origin: string;
  port: number;
  /** Stops listening, ends keep-alive connections and the SID pool. */
  close(): Promise<void>;
}

/** A standalone HTTP server with one route: the token endpoint. Everything else is 404. */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const {port = 0, host = '127.0.0.1', path = '/api/om/join', ...endpoint} = options;
  const handler = createTokenHandler(endpoint);
  const listener = toNodeListener(handler);
  const notFound = toNodeListener(async () =>
    errorResponse(404, 'not-found', `only ${path} is served here`),
  );
  // A join body is a few hundred bytes: a client that dribbles it out is holding a socket.
  const server = createServer({requestTimeout: 15_000, headersTimeout: 10_000}, (req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0];
    (pathname === path ? listener : notFound)(req, res);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    handler.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${shownHost}:${address.port}`;

  return {
    url: `${origin}${path}`,
    origin,
    port: address.port,
    close() {
      handler.close();

      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
