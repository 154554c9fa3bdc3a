// Authentication: Xianjie's own access tokens, passwords, refresh-token sessions, agency API
// keys, an external identity provider (OIDC), the /v1 hook and the /v1/auth routes.
// The parts live in ./auth/; this module is the one other modules import.
export { DEFAULT_TOKEN_TTL_SECONDS, ISSUER, mintToken, signToken, verifyToken, isOwnToken, type TokenClaims } from './auth/tokens.ts'
export { checkPasswordPolicy, dummyHash, generatePassword, hashPassword, verifyPassword, PASSWORD_MIN_LENGTH } from './auth/passwords.ts'
export { issueRefreshToken, revokeRefreshToken, revokeUserRefreshTokens, rotateRefreshToken } from './auth/sessions.ts'
export { apiKeySecretHash, createApiKeyResolver, newApiKey, parseApiKey, API_KEY_ACTOR_PREFIX, LAST_USED_EVERY_MS } from './auth/api-keys.ts'
export { createOidcVerifier, OIDC_ALGORITHMS, type OidcVerifier } from './auth/oidc.ts'
export { ACTOR_CACHE_MS, READ_METHODS, createAuthenticate, loadActor, type AuthenticateOptions, type CredentialKind } from './auth/authenticate.ts'
export { authRoutes, demoAuthRoutes, type AuthRoutesOptions } from './auth/routes.ts'
