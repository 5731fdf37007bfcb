import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import i18n from '@/lib/i18n';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderWithProviders } from '@/testing/render';
import { queryKeys } from '@/lib/query-keys';
import type { ImportJob } from '@/lib/types';
import { ImportPage } from './import-page';

const job: ImportJob = {
  id: 'j1',
  fileName: 'fleet.csv',
  onDuplicate: 'skip',
  status: 'RUNNING',
  total: 2000,
  processed: 500,
  created: 495,
  updated: 0,
  skipped: 0,
  failed: 5,
  errors: [{ row: 12, field: 'operatingHours', message: 'must be between 0 and 1000000' }],
  reason: null,
  createdAt: '2026-12-01T10:00:00Z',
  startedAt: '2026-12-01T10:00:00Z',
  finishedAt: null,
};

const page = (
  <Routes>
    <Route path="/imports" element={<ImportPage />} />
    <Route path="/imports/:importId" element={<ImportPage />} />
  </Routes>
);

beforeEach(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

describe('ImportPage', () => {
  it('uploads the chosen file with the duplicate rule as multipart and shows the job', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        calls.push({ url, body: init?.body });
        if (url.endsWith('/imports/machines')) return new Response(JSON.stringify({ ...job, status: 'QUEUED', processed: 0 }), { status: 202 });
        if (url.endsWith('/imports/j1')) return new Response(JSON.stringify(job), { status: 200 });
        return new Response('[]', { status: 200 });
      }),
    );
    renderWithProviders(page, { route: '/imports' });
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('CSV or XLSX file'), new File(['serialNumber,name\nA,B\n'], 'fleet.csv', { type: 'text/csv' }));
    await user.click(screen.getByLabelText('Update the machine'));
    await user.click(screen.getByRole('button', { name: 'Start import' }));
    await screen.findByTestId('import-progress');
    const upload = calls.find((c) => c.url.endsWith('/imports/machines'))!;
    const form = upload.body as FormData;
    expect(form.get('onDuplicate')).toBe('update');
    expect((form.get('file') as File).name).toBe('fleet.csv');
    expect(screen.getByRole('link', { name: 'Download the template' })).toHaveAttribute('href', '/api/v1/imports/template.csv');
  });

  it('accepts an Excel workbook (.xlsx) as well as CSV', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push({ url: String(input), body: init?.body });
        return String(input).endsWith('/imports/machines')
          ? new Response(JSON.stringify({ ...job, fileName: 'fleet.xlsx', status: 'QUEUED', processed: 0 }), { status: 202 })
          : new Response(JSON.stringify(String(input).endsWith('/imports') ? [] : job), { status: 200 });
      }),
    );
    renderWithProviders(page, { route: '/imports' });
    const user = userEvent.setup({ applyAccept: true }); // as the browser's picker: only what accept allows
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], 'fleet.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    await user.upload(screen.getByLabelText('CSV or XLSX file'), xlsx);
    expect(screen.getByText(/fleet\.xlsx/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start import' }));
    await screen.findByTestId('import-progress');
    const upload = calls.find((c) => c.url.endsWith('/imports/machines'))!;
    expect(((upload.body as FormData).get('file') as File).name).toBe('fleet.xlsx');
  });

  it('draws the bar from the cached job (the stream moves it) and lists the row errors', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => new Response(JSON.stringify(String(input).endsWith('/imports') ? [job] : job), { status: 200 })),
    );
    const { queryClient } = renderWithProviders(page, { route: '/imports/j1' });
    queryClient.setQueryData(queryKeys.imports.detail('j1'), job);
    const bar = await screen.findByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '500');
    expect(screen.getByTestId('import-errors')).toHaveTextContent('12operatingHoursMust be from 0 to 1,000,000.');
    expect(screen.getByTestId('import-counts')).toHaveTextContent('500 of 2,000 rows');
    queryClient.setQueryData(queryKeys.imports.detail('j1'), { ...job, processed: 2000, status: 'COMPLETED', created: 1995 });
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '2000'));
    expect(screen.getByRole('link', { name: 'See the machines' })).toHaveAttribute('href', '/machines?sort=newest');
    expect(screen.getByText(/the machines this import created are at the top/)).toBeInTheDocument();
  });

  it('shows why an upload was refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) =>
        String(input).endsWith('/imports/machines')
          ? new Response(JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'import: the file has more than 100000 rows' } }), { status: 413 })
          : new Response('[]', { status: 200 }),
      ),
    );
    renderWithProviders(page, { route: '/imports' });
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('CSV or XLSX file'), new File(['x'], 'big.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Start import' }));
    expect(await screen.findByTestId('import-upload-error')).toHaveTextContent('The file is too large: up to 10 MiB and 100,000 rows.');
  });
});

describe('ImportPage when its data failed to load', () => {
  // The first GET of each path answers 500; the next ones answer.
  const failingOnce = (answers: Record<string, unknown>) => {
    const failed = new Set<string>();
    return vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      if (!(path in answers)) return new Response('{}', { status: 404 });
      if (!failed.has(path)) {
        failed.add(path);
        return new Response(JSON.stringify({ error: { code: 'INTERNAL', message: 'boom' } }), { status: 500 });
      }
      return new Response(JSON.stringify(answers[path]), { status: 200 });
    });
  };

  it('the history says so, and Try again lists the imports', async () => {
    vi.stubGlobal('fetch', failingOnce({ '/api/v1/imports': [{ ...job, status: 'COMPLETED' }] }));
    renderWithProviders(page, { route: '/imports' });
    const user = userEvent.setup();
    const history = screen.getByRole('region', { name: 'Recent imports' });
    const alert = await within(history).findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(history).findByRole('link', { name: 'fleet.csv' })).toHaveAttribute('href', '/imports/j1');
  });

  it('a job page says so instead of showing the upload form, and Try again shows the job', async () => {
    vi.stubGlobal('fetch', failingOnce({ '/api/v1/imports': [], '/api/v1/imports/j1': job }));
    renderWithProviders(page, { route: '/imports/j1' });
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThan(0));
    expect(screen.queryByRole('button', { name: 'Start import' })).not.toBeInTheDocument();
    const jobAlert = screen.getAllByRole('alert').find((a) => !a.closest('section'))!;
    await user.click(within(jobAlert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('import-progress')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '500');
  });
});

describe('ImportPage in Spanish never shows the server\'s English', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('es');
  });

  it('a refused upload', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) =>
        String(input).endsWith('/imports/machines')
          ? new Response(
              JSON.stringify({
                error: {
                  code: 'VALIDATION_FAILED',
                  message: 'invalid input',
                  fields: { file: 'has no serialNumber column (the header row must name the columns: see the template)' },
                },
              }),
              { status: 400 },
            )
          : new Response('[]', { status: 200 }),
      ),
    );
    renderWithProviders(page, { route: '/imports' });
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Archivo CSV o XLSX'), new File(['name\nA\n'], 'fleet.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Importar' }));
    const error = await screen.findByTestId('import-upload-error');
    expect(error).toHaveTextContent('La cabecera no tiene la columna serialNumber (mira la plantilla).');
    expect(error).not.toHaveTextContent(/header row|invalid input|see the template/);
  });

  it('row errors and a failed job', async () => {
    const failed: ImportJob = {
      ...job,
      status: 'FAILED',
      reason: 'the uploaded file is no longer stored: upload it again',
      errors: [
        { row: 3, field: 'serialNumber', message: 'is already registered (onDuplicate=fail)' },
        { row: 4, field: 'serialNumber', message: 'repeats row 3 of this file (onDuplicate=fail)' },
        { row: 5, field: 'plan1IntervalHours', message: 'must be a number' },
        { row: 6, field: 'brand', message: 'something the app has never seen' },
      ],
    };
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => new Response(JSON.stringify(String(input).endsWith('/imports') ? [] : failed), { status: 200 })));
    renderWithProviders(page, { route: '/imports/j1' });
    const errors = await screen.findByTestId('import-errors');
    const rows = within(errors).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual([
      '3serialNumberYa tienes una máquina con este número de serie.',
      '4serialNumberLa fila 3 de este archivo tiene el mismo número de serie.',
      '5plan1IntervalHoursDebe ser un número.',
      '6brandEste valor no se pudo importar.',
    ]);
    expect(screen.getByTestId('import-progress')).toHaveTextContent('El archivo subido ya no está guardado: súbelo de nuevo.');
    expect(screen.getByTestId('import-counts')).toHaveTextContent('500 de 2000 filas');
  });
});
