import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's journey table names every Playwright journey, and only journeys that exist.
const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const start = readme.indexOf('## Journeys');
const end = readme.indexOf('\n## ', start + 1);
const section = readme.slice(start, end === -1 ? undefined : end);
const journeys = readdirSync(path.join(root, 'e2e'))
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => f.replace(/\.spec\.ts$/, ''));
const rows = [...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);

describe("the README's journey table", () => {
  it('has a row for each journey', () => {
    expect(journeys.length).toBeGreaterThan(10);
    expect(journeys.filter((j) => !rows.includes(j))).toEqual([]);
  });

  it('names no journey that is gone', () => {
    const named = rows.filter((r) => !r.includes('/')); // nginx/… runs with npm run e2e:nginx
    expect(named.filter((r) => !journeys.includes(r))).toEqual([]);
  });
});
