export function parseDotenv(text: string): Record<string, string>;
export function mergeEnvironment(
  fileValues: Readonly<Record<string, string>>,
  processValues: Readonly<Record<string, string | undefined>>,
): Record<string, string>;
