import { describe, expect, it } from 'vitest';
import { isTlsVerificationFailure } from './http.js';

describe('TLS verification failures (reported, never retried)', () => {
  it.each([
    'CERT_NOT_YET_VALID',
    'CERT_HAS_EXPIRED',
    'CERT_SIGNATURE_FAILURE',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ])('%s is a verification failure', (code) => {
    expect(isTlsVerificationFailure(code)).toBe(true);
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ERR_TLS_HANDSHAKE_TIMEOUT', ''])(
    '%j is a connection-level failure',
    (code) => {
      expect(isTlsVerificationFailure(code)).toBe(false);
    },
  );
});
