import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18n from './i18n';
import { ApiError } from './api-client';
import { importFailureReason, rowErrorMessage, uploadErrorMessage } from './import-messages';

// The server's sentences (apps/backend/internal/fleet/fleetapp and the domain's plan rules), each
// said in Spanish by its own key: none may fall through to the general sentence.
const ROW_MESSAGES = [
  ['is missing: the row has 3 cells, the header more', 'La fila tiene menos celdas que la cabecera.'],
  ['must be at most 200 characters', 'Usa como máximo 200 caracteres.'],
  ['must be 1 to 100 characters', 'Usa como máximo 100 caracteres.'],
  ['must be a number', 'Debe ser un número.'],
  ['must be a whole number', 'Debe ser un número entero.'],
  ['must be above 0 and at most 1000000', 'Debe ser mayor que 0 y como máximo 1.000.000.'],
  ['must be 1 to 36500', 'Debe estar entre 1 y 36.500.'],
  ['must be between 0 and 1000000', 'Debe estar entre 0 y 1.000.000.'],
  ['is required when the plan has other values', 'El plan tiene valores pero no tiene nombre.'],
  ['give intervalHours, intervalDays or both', 'Un plan necesita IntervalHours, IntervalDays o ambos.'],
  ['needs intervalDays', 'Este margen de aviso necesita intervalDays.'],
  ['must be at least 0 and below intervalHours', 'Debe ser 0 o más y menor que intervalHours.'],
  ['names another plan of this row', 'Otro plan de esta fila tiene el mismo nombre.'],
  ['is already registered (onDuplicate=fail)', 'Ya tienes una máquina con este número de serie.'],
  ['repeats row 1234 of this file (onDuplicate=fail)', 'La fila 1234 de este archivo tiene el mismo número de serie.'],
  ["must not be lower than the machine's current operating hours", 'Menor que las horas actuales de la máquina.'],
  ['a sentence the app does not know', 'Este valor no se pudo importar.'],
] as const;

const FILE_MESSAGES = [
  ['is empty', 'El archivo está vacío.'],
  ['has a header but no rows', 'El archivo tiene cabecera pero ninguna máquina.'],
  ['has no name column (the header row must name the columns: see the template)', 'La cabecera no tiene la columna name (mira la plantilla).'],
  ['has the column brand twice', 'La cabecera tiene la columna brand dos veces.'],
  ['has more than 200 columns', 'El archivo tiene más de 200 columnas.'],
  ['is not valid CSV at line 7: extraneous " in field', 'El CSV no se puede leer en la línea 7 (revisa las comillas).'],
  ['is a ZIP file but not an XLSX workbook (save it as .xlsx or as CSV UTF-8)', 'Este archivo ZIP no es un libro de Excel: guárdalo como .xlsx o como CSV UTF-8.'],
  ['is not a readable XLSX workbook at row 9', 'El libro de Excel no se puede leer: guárdalo de nuevo como .xlsx o como CSV UTF-8.'],
  ['is not a CSV file (UTF-8 text, comma- or semicolon-separated, with a header row) or an XLSX workbook', 'No es ni un CSV (texto UTF-8 con fila de cabecera) ni un libro de Excel (.xlsx).'],
] as const;

const t = i18n.t.bind(i18n);
beforeAll(async () => {
  await i18n.changeLanguage('es');
});
afterAll(async () => {
  await i18n.changeLanguage('en');
});

describe('the import in the reader\'s language', () => {
  it.each(ROW_MESSAGES)('row error "%s"', (message, spanish) => {
    expect(rowErrorMessage(message, t)).toBe(spanish);
  });

  it.each(FILE_MESSAGES)('refused file "%s"', (message, spanish) => {
    const err = new ApiError(400, { error: { code: 'VALIDATION_FAILED', message: 'invalid input', fields: { file: message } } });
    expect(uploadErrorMessage(err, t)).toBe(spanish);
  });

  it.each([
    ['the uploaded file is no longer stored: upload it again', 'El archivo subido ya no está guardado: súbelo de nuevo.'],
    ['the file can no longer be read: is empty', 'El archivo ya no se puede leer: súbelo de nuevo.'],
    ['anything else', 'La importación se detuvo antes del final: sube el archivo de nuevo.'],
  ])('failed job "%s"', (reason, spanish) => {
    expect(importFailureReason(reason, t)).toBe(spanish);
  });

  it('a file over the limits, and any other refusal, by its code', () => {
    expect(uploadErrorMessage(new ApiError(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the file is over 10 MiB' } }), t)).toBe(
      'El archivo es demasiado grande: hasta 10 MiB y 100.000 filas.',
    );
    expect(uploadErrorMessage(new ApiError(503, { error: { code: 'UNAVAILABLE', message: 'store unavailable' } }), t)).toBe(
      'El servicio está ocupado. Inténtalo de nuevo en breve.',
    );
  });
});
