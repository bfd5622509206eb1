import { HttpError, type Route, type RouteHandler } from './http-reply';

interface CompiledRoute {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

export interface RouteMatch {
  readonly handler: RouteHandler;
  readonly params: Record<string, string>;
}

/**
 * Matches `/a/:param/b` paths. A path that matches no route is servant's empty 404; a path that
 * matches only routes of other methods is its 405.
 */
export class HttpRouter {
  private readonly routes: CompiledRoute[] = [];

  add(routes: readonly Route[]): this {
    for (const route of routes) {
      this.routes.push({
        method: route.method,
        segments: route.path.split('/').filter(Boolean),
        handler: route.handler,
      });
    }
    return this;
  }

  match(method: string, pathname: string): RouteMatch {
    let segments: string[];
    try {
      segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw HttpError.notFound();
    }
    let otherMethod = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      if (route.method !== method) {
        otherMethod = true;
        continue;
      }
      return { handler: route.handler, params };
    }
    throw otherMethod ? new HttpError(405, '') : HttpError.notFound();
  }
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = segments[i]!;
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}
