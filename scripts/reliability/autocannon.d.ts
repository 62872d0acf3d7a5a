// The parts of autocannon 8 the load benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      overallRate?: number;
      duration?: number;
      headers?: Record<string, string>;
      requests?: Array<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: string }>;
      title?: string;
    }
    interface Result {
      errors: number;
      timeouts: number;
      non2xx: number;
      latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
      requests: { total: number; average: number };
    }
    interface Instance extends EventEmitter {
      stop(): void;
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
    }
  }
  function autocannon(options: autocannon.Options, callback: (err: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
