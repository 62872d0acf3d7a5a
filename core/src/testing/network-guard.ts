import net from 'node:net';

export interface NetworkGuard {
  /** Hosts (or socket paths) of every outgoing TCP connection since install. */
  readonly hosts: string[];
  /** Hosts other than the loopback address. */
  offLoopback(): string[];
  restore(): void;
}

/**
 * Records every outgoing TCP connection (Node's fetch/undici, http, gRPC all go through
 * net.Socket#connect), so a test can assert that an SDK only ever talked to its loopback stub.
 */
export function installNetworkGuard(): NetworkGuard {
  const hosts: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect() passes its normalised [options, callback] pair as the first argument
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as
      | { host?: string; hostname?: string; path?: string }
      | number
      | string;
    const host =
      typeof first === 'object' && first !== null
        ? (first.path ?? first.host ?? first.hostname ?? 'localhost')
        : typeof args[1] === 'string'
          ? args[1]
          : 'localhost';
    hosts.push(String(host));
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return {
    hosts,
    offLoopback: () => hosts.filter((h) => h !== '127.0.0.1'),
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
