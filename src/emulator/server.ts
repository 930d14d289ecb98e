import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createEmulator} from './emulator.js';
import type {RunningEmulator, StartEmulatorOptions} from './types.js';

/** Starts the emulator on its own HTTP server; port 0, the default, picks a free one. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const {port = 0, host = '127.0.0.1', ...emulatorOptions} = options;
  const emulator = createEmulator(emulatorOptions);
  const server = createServer((req, res) => emulator.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostPart}:${address.port}`;

  return {
    url: `${origin}${emulator.options.basePath}`,
    origin,
    port: address.port,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
