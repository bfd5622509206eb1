/** DI token for the app's MetricsRegistry (one per app instance). */
export const APP_METRICS = Symbol('AppMetrics');
