export class OpenApiCodegenError extends Error {}
export function typeOf(schema: unknown, indent?: string, where?: string): string;
export function operationsOf(
  document: unknown,
): { id: string; method: string; path: string; operation: Record<string, unknown> }[];
export function renderTypes(document: unknown): string;
