export { buildApp, BODY_LIMIT_BYTES, type ApiDeps } from './app.ts'
export { mintToken, signToken, verifyToken, loadActor, DEFAULT_TOKEN_TTL_SECONDS, type TokenClaims } from './auth.ts'
export { STATUS_BY_CODE, PROBLEM_MEDIA_TYPE, problemType, type Problem, type ProblemCode } from './problems.ts'
export { createLogger, REDACT_PATHS } from './logger.ts'
