// The layout rules, checked: no feature imports another; shared code never imports a feature
// or the app; the stream client stays framework-free.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(new URL(import.meta.url).pathname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
}

describe('architecture', () => {
  it('no feature imports another feature', () => {
    const features = readdirSync(path.join(SRC, 'features'));
    const offences: string[] = [];
    for (const feature of features) {
      for (const file of files(path.join(SRC, 'features', feature))) {
        for (const spec of imports(file)) {
          const other = spec.match(/^@\/features\/([^/]+)/)?.[1] ?? spec.match(/\.\.\/\.\.\/([^/]+)\//)?.[1];
          if (other && other !== feature && features.includes(other)) offences.push(`${path.relative(SRC, file)} → ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('shared code does not reach into features or the app', () => {
    const offences = ['lib', 'components', 'hooks', 'services'].flatMap((dir) =>
      files(path.join(SRC, dir)).flatMap((file) =>
        imports(file)
          .filter((spec) => spec.startsWith('@/features') || spec.startsWith('@/app'))
          .map((spec) => `${path.relative(SRC, file)} → ${spec}`),
      ),
    );
    expect(offences).toEqual([]);
  });

  it('the SSE client is framework-free', () => {
    const specs = imports(path.join(SRC, 'services', 'sseClient.ts'));
    expect(specs).toEqual([]);
  });
});
