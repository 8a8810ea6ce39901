/** maskUrl: the one function every printer of a connection URL goes through. */
import { describe, expect, it } from 'vitest';
import { maskUrl, maskUrlsIn } from '../core/redact.js';

describe('maskUrl', () => {
  it.each([
    ['redis://:s3cretpass@127.0.0.1:6390', 'redis://:***@127.0.0.1:6390'],
    ['rediss://default:s3cret@redis.example:6380/2', 'rediss://default:***@redis.example:6380/2'],
    ['postgres://u:s3cretpass@127.0.0.1:5439/x', 'postgres://u:***@127.0.0.1:5439/x'],
    ['postgres://u:p%40ss@db/x?sslmode=require', 'postgres://u:***@db/x?sslmode=require'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'],
    // Does not parse (a bad port): the user:password part is hidden all the same.
    ['redis://:s3cret@host:99999999', 'redis://***@host:99999999'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it('masks every URL quoted in a message', () => {
    expect(maskUrlsIn('Redis (redis://:a1@h:1) và PostgreSQL (postgres://u:b2@h/x) không trả lời')).toBe('Redis (redis://:***@h:1) và PostgreSQL (postgres://u:***@h/x) không trả lời');
  });
});
