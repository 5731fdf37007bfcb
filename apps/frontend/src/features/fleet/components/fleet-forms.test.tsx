// The fleet's forms validate with the app's own messages (noValidate: no browser bubbles), name
// the field, move focus to it, send nothing until it passes, and show the server's field errors
// on the field, translated.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeMachine, makePlan } from '@/testing/fleet';
import { expectFieldError, expectNoValidate } from '@/testing/forms';
import { MachineForm } from './machine-form';
import { ReadingsPanel } from './readings-panel';
import { PlansPanel } from './plans-panel';
import { DocumentsPanel } from './documents-panel';

const machine = makeMachine('m1', { name: 'Digger', operatingHours: 1200 });
const refused = (fields: Record<string, string>) => ({
  status: 400,
  body: { error: { code: 'VALIDATION_FAILED', message: 'invalid input', fields } },
});
let api: ReturnType<typeof mockApi>;
let answerWrite: () => { status?: number; body?: unknown };
beforeEach(async () => {
  await i18n.changeLanguage('en');
  answerWrite = () => ({ status: 201, body: {} });
  api = mockApi(({ method, url }) => {
    if (method === 'GET' && url.pathname.endsWith('/maintenance-plans')) return { body: [makePlan('Greasing', { machineId: 'm1' })] };
    if (method === 'GET') return { body: [] };
    return answerWrite();
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(() => vi.unstubAllGlobals());
const writes = () => api.calls.filter((c) => c.method !== 'GET');

describe('the machine form', () => {
  it('names every missing field at once, focuses the first, and sends nothing', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MachineForm onDone={() => {}} />);
    expectNoValidate(screen.getByLabelText('Name'));
    // Required for screen readers, while the messages are the app's own (noValidate).
    expect(screen.getByLabelText('Name')).toBeRequired();
    expect(screen.getByLabelText('Brand')).not.toBeRequired();
    await user.clear(screen.getByLabelText('Operating hours'));
    await user.type(screen.getByLabelText('Operating hours'), '-3');
    await user.click(screen.getByRole('button', { name: 'Add machine' }));
    expect(expectFieldError('Name', 'Enter a name')).toHaveFocus();
    expectFieldError('Serial number', 'Enter the serial number');
    expectFieldError('Operating hours', 'Enter the hours as a number of 0 or more.');
    expect(writes()).toEqual([]);
  });

  it("shows the server's field errors on the field, in the reader's language", async () => {
    await i18n.changeLanguage('es');
    answerWrite = () => refused({ serialNumber: 'must be at most 64 characters' });
    const user = userEvent.setup();
    renderWithProviders(<MachineForm onDone={() => {}} />);
    await user.type(screen.getByLabelText('Nombre'), 'Digger');
    await user.type(screen.getByLabelText('Número de serie'), 'X'.repeat(70));
    await user.click(screen.getByRole('button', { name: 'Añadir máquina' }));
    await waitFor(() => expectFieldError('Número de serie', 'Escribe el número de serie (hasta 64 caracteres).'));
    expect(screen.queryByText('must be at most 64 characters')).not.toBeInTheDocument();
  });
});

describe('the reading form', () => {
  it.each([
    { typed: '', message: 'Enter the hours as a number of 0 or more.' },
    { typed: 'lots', message: 'Enter the hours as a number of 0 or more.' },
    { typed: '1100', message: 'Hours cannot go below the last reading (1,200 h).' },
  ])('"$typed" is refused on the field', async ({ typed, message }) => {
    const user = userEvent.setup();
    renderWithProviders(<ReadingsPanel machine={machine} />);
    expectNoValidate(screen.getByLabelText('Operating hours'));
    if (typed) await user.type(screen.getByLabelText('Operating hours'), typed);
    await user.click(screen.getByRole('button', { name: 'Record reading' }));
    expect(expectFieldError('Operating hours', message)).toHaveFocus();
    expect(writes()).toEqual([]);
  });

  it('takes a decimal comma', async () => {
    const user = userEvent.setup();
    renderWithProviders(<ReadingsPanel machine={machine} />);
    await user.type(screen.getByLabelText('Operating hours'), '1250,5');
    await user.click(screen.getByRole('button', { name: 'Record reading' }));
    await waitFor(() => expect(writes().map((c) => c.body)).toEqual([{ operatingHours: 1250.5 }]));
  });
});

describe('the reading form when the server cannot be reached', () => {
  it('keeps the hours typed and says so', async () => {
    answerWrite = () => {
      throw new TypeError('Failed to fetch');
    };
    const user = userEvent.setup();
    renderWithProviders(<ReadingsPanel machine={machine} />);
    await user.type(screen.getByLabelText('Operating hours'), '1250');
    await user.click(screen.getByRole('button', { name: 'Record reading' }));
    expect(await screen.findByText('The server cannot be reached.')).toBeInTheDocument();
    expect(screen.getByLabelText('Operating hours')).toHaveValue('1250');
    expect(screen.getByRole('button', { name: 'Record reading' })).toBeEnabled();
  });
});

describe('the plan forms', () => {
  it('adding: a name and an interval are needed, intervals are whole numbers', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PlansPanel machine={machine} />);
    await user.click(await screen.findByRole('button', { name: /Add plan/ }));
    await user.type(screen.getByLabelText('Warn before (hours)'), '2.5');
    await user.click(screen.getByRole('button', { name: 'Add plan' }));
    expect(expectFieldError('Plan name', 'Enter a name')).toHaveFocus();
    expectFieldError('Every (hours)', 'Give an interval in hours or in days.');
    expectFieldError('Warn before (hours)', 'Enter the warning hours as a whole number of 0 or more.');
    await user.type(screen.getByLabelText('Every (days)'), '0');
    expectFieldError('Every (days)', 'Enter the days between services as a whole number above 0.');
    expect(writes()).toEqual([]);
  });

  it('marking done: the hours must be a number', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PlansPanel machine={machine} />);
    await user.click(await screen.findByRole('button', { name: 'Mark done: Greasing' }));
    await user.clear(screen.getByLabelText('Operating hours'));
    await user.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(expectFieldError('Operating hours', 'Enter the hours as a number of 0 or more.')).toHaveFocus();
    expect(writes()).toEqual([]);
  });
});

describe('the document form', () => {
  it('needs an expiry date, on or after the issue date', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DocumentsPanel machine={machine} />);
    expectNoValidate(screen.getByLabelText('Expires on'));
    await user.click(screen.getByRole('button', { name: 'Add document' }));
    expect(expectFieldError('Expires on', 'Enter the expiry date.')).toHaveFocus();
    await user.type(screen.getByLabelText('Issued on'), '2027-05-01');
    await user.type(screen.getByLabelText('Expires on'), '2027-01-01');
    expectFieldError('Issued on', 'Enter a date on or before the expiry date.');
    expect(writes()).toEqual([]);
  });
});
