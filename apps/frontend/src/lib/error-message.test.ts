import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/locales/en';
import es from '@/locales/es';
import i18n from './i18n';
import { ApiError } from './api-client';
import { errorMessage, fieldErrors } from './error-message';

// The codes the server answers (its one error mapper), read from its source.
const httperr = readFileSync(path.resolve(__dirname, '../../../backend/internal/platform/httperr/httperr.go'), 'utf8');
const CODES = [...httperr.matchAll(/\bCode\w+\s*=\s*"([A-Z_]+)"/g)].map((m) => m[1]!);

describe('server errors are said by code', () => {
  it('the server has codes to read', () => {
    expect(CODES).toContain('VALIDATION_FAILED');
  });

  it.each(CODES)('%s has a sentence in English and in Spanish', (code) => {
    expect(en.errors).toHaveProperty(code);
    expect(es.errors).toHaveProperty(code);
  });

  it("never shows the server's own text", async () => {
    await i18n.changeLanguage('es');
    const err = new ApiError(409, { error: { code: 'CONFLICT', message: 'machine: serial number already registered' } });
    expect(errorMessage(err, i18n.t)).toBe(es.errors.CONFLICT);
    const invalid = new ApiError(400, {
      error: { code: 'VALIDATION_FAILED', message: 'invalid input', fields: { 'lines[2].currency': 'must be a 3-letter ISO code', colour: 'bad' } },
    });
    expect(fieldErrors(invalid, i18n.t)).toEqual({ 'lines[2].currency': es.fieldErrors.currency, colour: es.fieldErrors.default });
    await i18n.changeLanguage('en');
  });
});
