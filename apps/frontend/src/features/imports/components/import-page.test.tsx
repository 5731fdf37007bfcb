import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
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
    expect(screen.getByTestId('import-errors')).toHaveTextContent('12operatingHoursmust be between 0 and 1000000');
    queryClient.setQueryData(queryKeys.imports.detail('j1'), { ...job, processed: 2000, status: 'COMPLETED', created: 1995 });
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '2000'));
    expect(screen.getByRole('link', { name: 'See the machines' })).toHaveAttribute('href', '/machines');
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
    expect(await screen.findByTestId('import-upload-error')).toHaveTextContent('more than 100000 rows');
  });
});
