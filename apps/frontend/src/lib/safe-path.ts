/**
 * The one rule for following a server-given link (a notification's actionUrl):
 * only a path of this app's own origin — "/" alone or "/" followed by a
 * character other than "/" and "\" (browsers read "//host" and "/\host" as
 * another host) — with no control characters, spaces or backslashes (browsers
 * drop tabs and newlines, so "/\t/evil" would become "//evil"). The server
 * refuses anything else (400 naming actionUrl); this keeps the app safe from
 * data stored before that rule.
 */
export function isSameOriginPath(url: string | null | undefined): url is string {
  if (!url || url[0] !== '/') return false;
  if (url.length > 1 && (url[1] === '/' || url[1] === '\\')) return false;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || url[i] === '\\') return false;
  }
  return true;
}
