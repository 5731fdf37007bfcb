import { expect } from 'vitest';
import { screen } from '@testing-library/react';

/** The field labelled `label` is marked invalid and its description carries `message` (the app's own, not a bubble). */
export function expectFieldError(label: string | RegExp, message: string): HTMLElement {
  const field = screen.getByLabelText(label);
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
  return field;
}

/** The form asks the app, not the browser, to validate it. */
export function expectNoValidate(form: HTMLElement): void {
  expect(form.closest('form')).toHaveAttribute('novalidate');
}
