import { MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('renders HTTP request metrics with route-pattern labels in Prometheus text format', async () => {
    const metrics = new MetricsRegistry('api', { collectProcessMetrics: false });
    metrics.observeHttpRequest({
      method: 'GET',
      route: '/v1/api-keys/:id',
      status: 200,
      durationSeconds: 0.002,
    });
    metrics.observeHttpRequest({
      method: 'GET',
      route: '/v1/api-keys/:id',
      status: 404,
      durationSeconds: 0.001,
    });
    const text = await metrics.render();
    expect(text).toContain(
      'http_request_duration_seconds_count{service="api",method="GET",route="/v1/api-keys/:id",status="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{service="api",method="GET",route="/v1/api-keys/:id",status="404"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.0025",service="api",method="GET",route="/v1/api-keys/:id",status="200"} 1',
    );
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('keeps two registries independent and returns the same named counter twice', async () => {
    const a = new MetricsRegistry('api', { collectProcessMetrics: false });
    const b = new MetricsRegistry('api', { collectProcessMetrics: false });
    a.counter('auth_failures_total', 'Auth failures.', ['reason']).inc({ reason: 'revoked' });
    a.counter('auth_failures_total', 'Auth failures.', ['reason']).inc({ reason: 'revoked' });
    expect(await a.render()).toContain('auth_failures_total{reason="revoked",service="api"} 2');
    expect(await b.render()).not.toContain('auth_failures_total');
  });
});
