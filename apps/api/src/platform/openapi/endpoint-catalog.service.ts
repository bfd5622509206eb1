import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ENDPOINT_SPEC, type EndpointSpec } from '../http/endpoint.decorator';
import type { EndpointRoute, HttpMethod } from './openapi-document';

const METHOD_NAMES: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/**
 * Every REST route with its `@Endpoint` spec, discovered from the controllers once at startup.
 * A `/v1` route without a spec is a boot error: it would be unvalidated and undocumented.
 */
@Injectable()
export class EndpointCatalog {
  private cached: EndpointRoute[] | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  routes(): readonly EndpointRoute[] {
    this.cached ??= this.discover();
    return this.cached;
  }

  private discover(): EndpointRoute[] {
    const routes: EndpointRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const controllerPaths = [
        Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined,
      ].flat();
      for (const methodName of this.scanner.getAllMethodNames(controller.prototype as object)) {
        const handler = (controller.prototype as Record<string, unknown>)[methodName] as object;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (requestMethod === undefined) continue;
        const method = METHOD_NAMES[requestMethod];
        const methodPaths = [
          Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined,
        ].flat();
        const spec = Reflect.getMetadata(ENDPOINT_SPEC, handler) as EndpointSpec | undefined;
        for (const controllerPath of controllerPaths) {
          for (const methodPath of methodPaths) {
            const path = joinPath(controllerPath, methodPath);
            if (!path.startsWith('/v1/')) continue;
            if (!spec || !method) {
              throw new Error(
                `${controller.name}.${methodName} (${path}) needs an @Endpoint spec and a standard method`,
              );
            }
            routes.push({ method, path, spec });
          }
        }
      }
    }
    return routes;
  }
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .filter((part): part is string => !!part && part !== '/')
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
