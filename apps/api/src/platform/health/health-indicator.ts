/** One dependency `/readyz` checks. `check` rejects (or times out) when the dependency is unusable. */
export interface HealthIndicator {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

/** DI token for the list of indicators `/readyz` runs. */
export const HEALTH_INDICATORS = Symbol('HealthIndicators');
