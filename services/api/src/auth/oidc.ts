// Bearer tokens from an external identity provider (OIDC_ISSUER / OIDC_AUDIENCE /
// OIDC_JWKS_URL): verified with the provider's published keys (jose), then mapped to a
// Xianjie user by one claim (OIDC_USER_CLAIM, default preferred_username) = users.id.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose'
import { AppError } from '@xianjie/domain'
import type { OidcConfig } from '@xianjie/config'

/** Asymmetric algorithms only: a provider's HS256 token (a shared secret) is never accepted. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA']

export type OidcVerifier = (token: string, now: number) => Promise<{ userId: string; claims: JWTPayload }>

const refused = (en: string, cause?: unknown): AppError =>
  new AppError('UNAUTHENTICATED', en, { cause, details: { messageZh: '身份提供方的令牌无效或已过期' } })

export function createOidcVerifier(config: OidcConfig): OidcVerifier {
  // Keys are cached (10 min) and fetched again, at most every 30 s, for an unknown key id.
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000 })
  return async (token, now) => {
    let claims: JWTPayload
    try {
      ;({ payload: claims } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: OIDC_ALGORITHMS,
        requiredClaims: ['exp'],
        currentDate: new Date(now),
        clockTolerance: 30,
      }))
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw refused('identity provider token has expired', err)
      // The provider's keys could not be fetched: not the caller's fault.
      if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC') || !(err instanceof errors.JOSEError)) {
        throw new AppError('DEPENDENCY_DOWN', 'the identity provider keys (OIDC_JWKS_URL) could not be fetched', { cause: err })
      }
      throw refused(`identity provider token is not valid (${err.code})`, err)
    }
    const userId = claims[config.userClaim]
    if (typeof userId !== 'string' || userId === '') throw refused(`identity provider token has no ${config.userClaim} claim`)
    return { userId, claims }
  }
}
