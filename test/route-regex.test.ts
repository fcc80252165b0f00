import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRegex, fullMatch, regexError, regexProgramSize, replaceAll, rewriteError } from '../src/core/text/regex.ts';

describe('RE2 regexes (safe_regex)', () => {
  const fullMatchCases: [string, string, boolean][] = [
    ['^/users/\\d+$', '/users/42', true],
    ['/users/\\d+', '/users/42/x', false], // whole value, not a search
    ['/users/\\d+', 'x/users/42', false],
    ['^/api/v[0-9]/.*', '/api/v1/resource', true],
    ['^/api/v[0-9]/.*', '/api/v10/resource', false],
    ['user=test-\\d+', 'user=test-12', true],
    ['(?i)jason', 'JaSon', true],
    ['jason', 'Jason', false],
    ['', '', true],
    ['a|ab', 'ab', true], // full match tries the longer alternative
    ['[[:alpha:]]+', 'abc', true],
    ['\\pL+', 'héllo', true],
  ];
  for (const [pattern, value, expected] of fullMatchCases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
      assert.equal(fullMatch(pattern, value), expected);
    });
  }

  it('finishes a catastrophic-backtracking pattern on a 100 KB input (linear time)', () => {
    const input = `${'a'.repeat(100_000)}!`;
    assert.equal(fullMatch('(a+)+$', input), false);
    assert.equal(fullMatch('(a|aa)*b', input), false);
    assert.equal(fullMatch('(a+)+!', input), true);
  });

  const invalid: [string, RegExp][] = [
    ['(?=lookahead)', /unsupported Perl syntax/],
    ['(?<=a)b', /invalid/],
    ['a\\1', /invalid escape/],
    ['a{1001}', /repeat count/],
    ['(unclosed', /missing closing \)/],
  ];
  for (const [pattern, message] of invalid) {
    it(`reports the RE2 error for ${JSON.stringify(pattern)} and never matches`, () => {
      const compiled = compileRegex(pattern);
      assert.equal(compiled.ok, false);
      assert.match(regexError(pattern) ?? '', message);
      assert.equal(fullMatch(pattern, pattern), false);
      assert.equal(regexProgramSize(pattern), undefined);
    });
  }

  it('compiles each pattern once', () => {
    assert.equal(compileRegex('^/cached$'), compileRegex('^/cached$'));
  });

  it('measures the program size Envoy limits with re2.max_program_size', () => {
    assert.ok((regexProgramSize('^/users/\\d+$') ?? 0) < 100);
    const defaultRuntime = '(?:[a-zA-Z]{3,6}[0-9]{2,4}[A-Z]{1,3}\\d{0,2}\\W{0,2}){10,20}|(?:[a-zA-Z0-9!@#\\$%\\^\\&\\*\\)\\(+=._-]{25,50})|(?:[A-Z])';
    assert.ok((regexProgramSize(defaultRuntime) ?? 0) > 100);
  });

  const rewrites: [string, string, string, string][] = [
    ['^/service/([^/]+)(/.*)$', '\\2/instance/\\1', '/service/foo/v1/api', '/v1/api/instance/foo'],
    ['one', 'two', '/xxx/one/yyy/one/zzz', '/xxx/two/yyy/two/zzz'],
    ['^(.*?)one(.*)$', '\\1two\\2', '/xxx/one/yyy/one/zzz', '/xxx/two/yyy/one/zzz'],
    ['.*', 'x', 'abc', 'x'], // no second empty match at the end of the first
    ['a*', '-', 'baaac', '-b-c-'],
    ['/', '\\\\', '/a/b', '\\a\\b'],
    ['^/prefix', '', '/prefix/rest', '/rest'],
    ['(z)', '\\1\\1', '/none', '/none'],
    ['\\d', '\\0\\0', 'a1b2', 'a11b22'],
  ];
  for (const [pattern, substitution, input, expected] of rewrites) {
    it(`GlobalReplace ${JSON.stringify(pattern)} → ${JSON.stringify(substitution)} on ${JSON.stringify(input)}`, () => {
      assert.equal(replaceAll(pattern, input, substitution), expected);
    });
  }

  it('rejects substitutions Envoy would reject', () => {
    assert.match(rewriteError('(a)', '\\2') ?? '', /group \\2/);
    assert.match(rewriteError('(a)', '\\x') ?? '', /invalid escape/);
    assert.equal(rewriteError('(a)', '\\1\\\\'), undefined);
    assert.equal(replaceAll('(a)', 'a', '\\2'), undefined);
    assert.equal(replaceAll('(', 'a', 'b'), undefined);
  });
});
