export { PactSyntaxError, type PactSyntaxErrorCode } from './pact-syntax.errors';
export { lexPact, pactStringLiteral, PACT_KEYWORDS, type PactToken, type PactTokenKind } from './pact-lexer';
export {
  parsePactProgram,
  parsePactExpression,
  type PactAppArg,
  type PactArg,
  type PactBindings,
  type PactCapabilityMeta,
  type PactDef,
  type PactExpr,
  type PactModule,
  type PactModuleExtension,
  type PactStep,
  type PactTopLevel,
  type SourcePosition,
} from './pact-parser';
export {
  analyzePactModuleSource,
  type PactCapabilitySignature,
  type PactFunctionSignature,
  type PactModuleSignature,
} from './pact-module-check';
export { PACT_NATIVES, PACT_REPL_NATIVES, PACT_SPECIAL_FORMS } from './pact-names';
