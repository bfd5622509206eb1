export function staticPath(root: string, urlPath: string): string | undefined;
export function startPortalServer(options: {
  distDir: string;
  port: number;
  apiUrl: string;
}): Promise<{ name: string; url: string; stop(): Promise<void> }>;
