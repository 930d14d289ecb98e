const addresses = new WeakMap<Request, string>();

/**
 * The peer address a Node adapter saw for this request, or undefined in other runtimes.
 * It comes from the socket, not a header, so a client cannot choose it.
 */
export function clientAddress(request: Request): string | undefined {
  return addresses.get(request);
}

export function recordClientAddress(request: Request, address: string | undefined): void {
  if (address) addresses.set(request, address);
}
