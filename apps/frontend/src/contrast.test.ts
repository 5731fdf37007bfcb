// The colours of the badge, links and pills meet WCAG AA (4.5:1 for their small text), read
// from the stylesheet the app ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(__dirname, 'styles.css'), 'utf8');
const token = (name: string) => css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`))![1]!;
const rule = (selector: string, prop: 'background' | 'color') => {
  const body = css.match(new RegExp(`\\n${selector.replace('.', '\\.')}\\s*\\{([^}]*)\\}`))![1]!;
  const value = body.match(new RegExp(`\\n\\s*${prop}:\\s*([^;]+);`))![1]!.trim();
  const v = value.match(/^var\(--([a-z0-9-]+)\)$/);
  return v ? token(v[1]!) : value;
};

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
const WHITE = '#ffffff';

describe('contrast (WCAG AA, 4.5:1)', () => {
  it.each([
    { name: 'the unread badge', fg: () => WHITE, bg: () => rule('.badge', 'background') },
    { name: 'links on cards', fg: () => token('link'), bg: () => token('surface') },
    { name: 'links on the page', fg: () => token('link'), bg: () => token('bg') },
    { name: 'muted text on the page', fg: () => token('muted'), bg: () => token('bg') },
    { name: 'high-priority pills', fg: () => rule('.pill--high', 'color'), bg: () => rule('.pill--high', 'background') },
    { name: 'urgent pills', fg: () => rule('.pill--urgent', 'color'), bg: () => rule('.pill--urgent', 'background') },
    { name: 'the OK status', fg: () => rule('.status--ok', 'color'), bg: () => rule('.status--ok', 'background') },
    { name: 'the due-soon status', fg: () => rule('.status--due_soon', 'color'), bg: () => rule('.status--due_soon', 'background') },
    { name: 'the overdue status', fg: () => rule('.status--overdue', 'color'), bg: () => rule('.status--overdue', 'background') },
    { name: 'overdue hours and days on cards', fg: () => rule('.text-danger', 'color'), bg: () => token('surface') },
    { name: 'the danger button (confirm dialogs)', fg: () => rule('.btn--danger', 'color'), bg: () => rule('.btn--danger', 'background') },
    { name: 'the owner role pill', fg: () => rule('.pill--owner', 'color'), bg: () => rule('.pill--owner', 'background') },
    { name: 'the operator role pill', fg: () => rule('.pill--operator', 'color'), bg: () => rule('.pill--operator', 'background') },
  ])('$name', ({ fg, bg }) => {
    expect(contrast(fg(), bg())).toBeGreaterThanOrEqual(4.5);
  });
});
