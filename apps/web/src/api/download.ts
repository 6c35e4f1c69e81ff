import { readToken } from '../session/token';
import { ApiError, NetworkError } from './http';
import { currentLanguage } from '../i18n/i18n';

/** What a CSV download brought: whether the server cut the list short (X-Export-Truncated). */
export interface CsvDownload {
  truncated: boolean;
  fileName: string;
}

/**
 * Fetches a list as CSV with the caller's token (a plain link would carry no bearer token) and
 * hands it to the browser as a file download.
 */
export function downloadCsv(path: string, fallbackName: string): Promise<CsvDownload> {
  return downloadFile(path, 'text/csv', fallbackName);
}

/** As downloadCsv, for any file the api answers to `accept` (a compliance review's PDF). */
export async function downloadFile(path: string, accept: string, fallbackName: string): Promise<CsvDownload> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': currentLanguage() };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, null, '');
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { truncated: response.headers.get('X-Export-Truncated') === 'true', fileName };
}
