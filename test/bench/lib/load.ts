import autocannon from 'autocannon';

/** The request a load run sends; `next` is called for every request and may vary it. */
export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Returns the path, headers and body of the next request (called once per request). */
  next?: () => { path?: string; headers?: Record<string, string>; body?: string };
}

export interface LoadSettings {
  connections: number;
  /** Seconds. */
  duration: number;
}

/** What one autocannon run measured. Latencies in milliseconds, rates per second. */
export interface LoadFigures {
  connections: number;
  durationS: number;
  requests: number;
  ok: number;
  /** Successful (2xx) responses per second over the whole run. */
  okPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/**
 * One autocannon run in this process. Bounded by `duration`; a hard stop fires a few seconds
 * later in case the target hangs (autocannon's own request timeout is 10 s).
 */
export function runLoad(target: LoadTarget, settings: LoadSettings): Promise<LoadFigures> {
  const setupRequest = target.next
    ? (req: autocannon.RawRequest): autocannon.RawRequest => {
        const n = target.next!();
        return { ...req, ...n, headers: { ...req.headers, ...n.headers } };
      }
    : undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: settings.connections,
        duration: settings.duration,
        timeout: 10,
        requests: [{ method: target.method, path: target.path, headers: target.headers, setupRequest }],
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) return reject(err);
        resolve(toFigures(result, settings.connections));
      },
    );
    const guard = setTimeout(() => instance.stop(), (settings.duration + 15) * 1000);
  });
}

function toFigures(r: autocannon.Result, connections: number): LoadFigures {
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(count);
  const ok = r['2xx'];
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    connections,
    durationS: round(r.duration),
    requests: r.requests.total,
    ok,
    okPerSecond: round(ok / r.duration),
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: round(r.latency.average),
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}
