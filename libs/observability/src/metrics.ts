import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Buckets in seconds, tuned for an API whose fast paths answer in about a millisecond. */
const HTTP_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface HttpRequestObservation {
  readonly method: string;
  /** The route pattern (`/v1/api-keys/:id`), never the raw URL, to keep label cardinality bounded. */
  readonly route: string;
  readonly status: number;
  readonly durationSeconds: number;
}

/**
 * One Prometheus registry per process (or per test app), never prom-client's global default,
 * so several app instances in one process do not collide on metric names.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly namedCounters = new Map<string, Counter<string>>();

  constructor(service: string, options: { collectProcessMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    if (options.collectProcessMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [this.registry],
    });
  }

  /** One histogram observation per request; its `_count` series is the request counter. */
  observeHttpRequest(observation: HttpRequestObservation): void {
    this.httpDuration.observe(
      { method: observation.method, route: observation.route, status: String(observation.status) },
      observation.durationSeconds,
    );
  }

  /** A counter registered once by name; later calls with the same name return the same counter. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter<string> {
    let counter = this.namedCounters.get(name);
    if (!counter) {
      counter = new Counter({ name, help, labelNames: [...labelNames], registers: [this.registry] });
      this.namedCounters.set(name, counter);
    }
    return counter;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
