import { describe, expect, it } from 'vitest';
import { fqdnMatches, isValidFqdn, isValidWildcard } from '../../src/net/index.js';

describe('isValidFqdn', () => {
  it.each([
    ['graph.microsoft.com', true],
    ['autodiscover-s.outlook.com', true],
    ['xn--exmple-cua.com', true],
    ['a.b', true],
    ['example.com.', true],
    ['3com.com', true],
    ['localhost', false],
    ['', false],
    ['.example.com', false],
    ['example..com', false],
    ['-x.example.com', false],
    ['x-.example.com', false],
    ['under_score.example.com', false],
    ['192.0.2.1', false],
    ['*.example.com', false],
    [`${'a'.repeat(63)}.com`, true],
    [`${'a'.repeat(64)}.com`, false],
    [`${'a.'.repeat(126)}com`, false], // 255 characters
    [`${'a.'.repeat(125)}com`, true], // 253 characters
  ])('%j → %s', (name, valid) => {
    expect(isValidFqdn(name)).toBe(valid);
  });
});

describe('isValidWildcard', () => {
  it.each([
    ['*.um.outlook.com', true],
    ['*.cloudapp.net', true],
    ['*.com', false],
    ['*example.com', false],
    ['a.*.example.com', false],
    ['**.example.com', false],
    ['example.com', false],
  ])('%j → %s', (name, valid) => {
    expect(isValidWildcard(name)).toBe(valid);
  });
});

describe('fqdnMatches', () => {
  it.each([
    ['*.a.com', 'x.a.com', true],
    ['*.a.com', 'y.x.a.com', true],
    ['*.a.com', 'a.com', false],
    ['*.a.com', 'xa.com', false],
    ['*.a.com', 'X.A.COM.', true],
    ['*.A.com.', 'x.a.com', true],
    ['a.com', 'a.com.', true],
    ['a.com', 'x.a.com', false],
    ['*.um.outlook.com', 'outlook.com', false],
  ])('%s vs %s → %s', (pattern, name, matches) => {
    expect(fqdnMatches(pattern, name)).toBe(matches);
  });
});
