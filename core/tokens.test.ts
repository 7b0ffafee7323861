import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERN, generateToken, hashToken, secretsEqual } from './tokens.js';

describe('interview tokens', () => {
  it('carry 256 random bits in 43 URL-safe characters, never the same twice', () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    expect(new Set(tokens).size).toBe(200);
    expect(Buffer.from(tokens[0]!, 'base64url')).toHaveLength(32);
  });

  it('are stored as their sha256 (hex), which does not contain the token', () => {
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
  });

  it.each([
    ['same', 'same', true],
    ['same', 'Same', false],
    ['short', 'a much longer secret', false],
    ['', '', true],
  ])('compares %j with %j in constant time: %s', (a, b, equal) => {
    expect(secretsEqual(a, b)).toBe(equal);
  });
});
