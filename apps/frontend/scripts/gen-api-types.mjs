// Generates src/lib/api-schema.gen.ts, the web app's API types, from the server's spec:
// docs/swagger.json (Swagger 2.0, written by swag from the Go annotations) → OpenAPI 3
// (swagger2openapi) → TypeScript (openapi-typescript). Both tools are pinned exactly in
// package.json, so the same spec always gives the same file byte for byte, offline.
//
//   node scripts/gen-api-types.mjs          write the file (`npm run gen:api`, `make api-types`)
//   node scripts/gen-api-types.mjs --check  exit 1 when the committed file is not what the spec gives
//
// src/lib/api-types-drift.test.ts runs the same comparison in `npm test` (and so `make test`).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import swagger2openapi from 'swagger2openapi';

export const SPEC_PATH = fileURLToPath(new URL('../../../docs/swagger.json', import.meta.url));
export const OUTPUT_PATH = fileURLToPath(new URL('../src/lib/api-schema.gen.ts', import.meta.url));
export const STALE = 'src/lib/api-schema.gen.ts is not what docs/swagger.json gives: run `make api-types` (or `npm run gen:api` in apps/frontend) and commit it';

const HEADER = `// GENERATED FILE — do not edit. The web app's API types, from docs/swagger.json
// (swag → Swagger 2.0 → swagger2openapi → OpenAPI 3 → openapi-typescript).
// Regenerate: \`make swagger\` after changing the Go annotations or DTOs (it runs swag, then
// \`make api-types\`), or \`make api-types\` / \`npm run gen:api\` in apps/frontend for this file alone.
// Use these types through src/lib/types.ts, the one file that names the spec's definitions.
// src/lib/api-types-drift.test.ts fails when this file is not what the spec gives.

`;

/** The generated file's text for the spec at specPath. */
export async function generateApiTypes(specPath = SPEC_PATH) {
  const swagger = JSON.parse(await readFile(specPath, 'utf8'));
  const { openapi } = await swagger2openapi.convertObj(swagger, { patch: true, warnOnly: true });
  const ast = await openapiTS(openapi, { silent: true });
  return HEADER + astToString(ast);
}

async function main() {
  const fresh = await generateApiTypes();
  if (process.argv.includes('--check')) {
    const committed = await readFile(OUTPUT_PATH, 'utf8').catch(() => '');
    if (committed !== fresh) {
      console.error(STALE);
      process.exit(1);
    }
    return;
  }
  await writeFile(OUTPUT_PATH, fresh);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
