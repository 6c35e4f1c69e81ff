/**
 * The language the caller reads: the web app sends `Accept-Language: zh-CN` or `en` with every
 * request (apps/web/src/api/http.ts). Problems a person has to act on — a diagram's errors and
 * warnings, a form's field errors — are answered in it; without the header, or with a language
 * CarePath does not speak, the api answers English, as it always has (docs/api.md#languages).
 */
export type RequestLanguage = 'zh-CN' | 'en';

/** The caller's language, from Accept-Language (RFC 9110: ranges with q-values; `*` any). */
export function requestLanguage(request: {
  headers: Record<string, string | string[] | undefined>;
}): RequestLanguage {
  const header = request.headers['accept-language'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranges = value
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.tag !== '' && range.q > 0 && !Number.isNaN(range.q))
    // Highest q first; among equals, the order the caller wrote.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    // Every Chinese variant reads the simplified catalogue rather than falling back to English.
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
