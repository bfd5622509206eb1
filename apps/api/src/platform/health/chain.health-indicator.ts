import { Inject, Injectable } from '@nestjs/common';
import { API_SETTINGS, type ApiSettings } from '../config/api-settings';
import type { HealthIndicator } from './health-indicator';

/** The configured chainweb-node answers `/info` for the network we anchor on. */
@Injectable()
export class ChainHealthIndicator implements HealthIndicator {
  readonly name = 'chain';

  constructor(@Inject(API_SETTINGS) private readonly settings: ApiSettings) {}

  async check(signal: AbortSignal): Promise<void> {
    const response = await fetch(new URL('/info', this.settings.chain.nodeUrl), { signal });
    if (!response.ok) throw new Error(`chainweb-node /info answered ${response.status}`);
    const info = (await response.json()) as { nodeVersion?: unknown };
    if (info.nodeVersion !== this.settings.chain.networkId) {
      throw new Error(
        `chainweb-node serves ${String(info.nodeVersion)}, expected ${this.settings.chain.networkId}`,
      );
    }
  }
}
