import type { ContractEvent } from './contract-effect';
import type { ContractCallOutcome } from './contract-effects-table';
import { pactErrorJson } from './pact-failure';
import { encodePactValueJson, type JsonValue } from './pact-value';

/**
 * The parts of a Pact 5 command result that an outcome determines, in Pact 5's JSON form (stable
 * encoding). Field values match chainweb's; JSON key order inside `data` is sorted here, while Pact
 * prints objects in a legacy hash order: never compare outputs byte for byte, parse them.
 */
export function contractResultJson(
  outcome: ContractCallOutcome,
): { status: 'success'; data: JsonValue } | { status: 'failure'; error: JsonValue } {
  return outcome.ok
    ? { status: 'success', data: encodePactValueJson(outcome.result) }
    : { status: 'failure', error: pactErrorJson(outcome.error) };
}

/** One entry of a command result's `events`. The module hash is the deployed module's (the devnet knows it). */
export function contractEventJson(event: ContractEvent, moduleHash: string): JsonValue {
  return {
    params: event.params.map((p) => encodePactValueJson(p)),
    name: event.name,
    module: { namespace: event.namespace, name: event.module },
    moduleHash,
  };
}
