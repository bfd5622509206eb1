export interface QuickStartState {
  readonly email: string;
  readonly password: string;
  readonly tenantId?: string;
  readonly apiKey?: string;
}

export interface QuickStartInput {
  /** e.g. http://127.0.0.1:3000 */
  readonly apiUrl: string;
  /** What the previous run saved, or null. */
  readonly state: QuickStartState | null;
  readonly fetchImpl: typeof fetch;
  readonly saveState: (state: Required<QuickStartState>) => Promise<void>;
  /** A new password (12+ characters). */
  readonly newPassword: () => string;
  /** A short random suffix for an alternative e-mail address. */
  readonly newSuffix: () => string;
}

export interface QuickStartResult extends Required<QuickStartState> {
  readonly signedUp: boolean;
  readonly keyCreated: boolean;
}

export const QUICK_START_EMAIL: string;
export const QUICK_START_TENANT: string;
export const QUICK_START_SCOPES: readonly string[];
export function seedQuickStart(input: QuickStartInput): Promise<QuickStartResult>;
