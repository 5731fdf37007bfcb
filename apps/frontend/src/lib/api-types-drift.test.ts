// @vitest-environment node
// The drift check of the generated API types, like docs/swagger_test.go's for the spec: it
// regenerates src/lib/api-schema.gen.ts from docs/swagger.json in memory (offline, with the
// pinned converters) and fails when the committed file differs by a byte.
import { readFile } from 'node:fs/promises';
import { generateApiTypes, OUTPUT_PATH, STALE } from '../../scripts/gen-api-types.mjs';

test('api-schema.gen.ts is what docs/swagger.json gives', { timeout: 30_000 }, async () => {
  const [fresh, committed] = await Promise.all([generateApiTypes(), readFile(OUTPUT_PATH, 'utf8')]);
  expect(committed === fresh, STALE).toBe(true);
});
