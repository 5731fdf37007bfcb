import { afterEach, describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import { renderWithProviders } from '@/testing/render';
import { Toaster } from './toaster';
import { useToasts } from './toast-store';

afterEach(() => useToasts.setState({ toasts: [] }));

describe('Toaster', () => {
  it.each([
    { route: '/messages/ana', where: 'top', top: true },
    { route: '/messages', where: 'bottom', top: false },
    { route: '/machines', where: 'bottom', top: false },
  ])('on $route toasts sit at the $where (never over a composer)', ({ route, top }) => {
    renderWithProviders(<Toaster />, { route });
    act(() => useToasts.getState().push({ id: 't1', tone: 'info', text: 'Saved' }));
    expect(screen.getByTestId('toast')).toHaveTextContent('Saved');
    expect(screen.getByTestId('toaster').classList.contains('toaster--top')).toBe(top);
  });
});
