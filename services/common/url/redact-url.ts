/** Connection URLs may carry a password; this is the form of a URL that may appear in logs and messages. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not a URL we can take apart, so we cannot tell where a secret would be: show none of it.
    return '<unparseable URL>';
  }
  if (!url.password) return raw;
  url.password = '***';
  return url.toString();
}
