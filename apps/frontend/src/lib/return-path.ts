/**
 * Where to go after signing in: the page that was asked for, when it is a path of this app
 * (same origin: "/…", never "//host" or "/\host" or a URL with a scheme), else the dashboard.
 */
export function safeReturnPath(from: unknown): string {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return '/';
  if (/^\/(login|register)\b/.test(from)) return '/';
  try {
    const url = new URL(from, 'http://app.invalid');
    if (url.origin !== 'http://app.invalid') return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}
