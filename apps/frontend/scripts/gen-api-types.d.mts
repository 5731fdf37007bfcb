// Types of gen-api-types.mjs, for src/lib/api-types-drift.test.ts.
export const SPEC_PATH: string;
export const OUTPUT_PATH: string;
/** The failure message: the generated file differs from what the spec gives, and the command that fixes it. */
export const STALE: string;
/** The generated file's text for the spec at specPath (docs/swagger.json by default). */
export function generateApiTypes(specPath?: string): Promise<string>;
