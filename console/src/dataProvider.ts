import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError } from 'react-admin';

/** Base URL of the console's REST resources (ra-data-simple-rest wire format). */
export const API_URL = '/api/console';

interface ApiErrorBody {
  error?: { code?: string; message?: string };
  requestId?: string;
}

/**
 * fetchJson with the session cookie, and the API's error envelope
 * ({"error":{"code","message"},"requestId"}) turned into a readable HttpError message.
 */
export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  try {
    return await fetchUtils.fetchJson(url, { ...options, credentials: 'include' });
  } catch (error) {
    if (error instanceof HttpError) {
      const message = (error.body as ApiErrorBody | null)?.error?.message;
      if (typeof message === 'string' && message !== '') {
        throw new HttpError(message, error.status, error.body);
      }
    }
    throw error;
  }
};

export const dataProvider = simpleRestProvider(API_URL, httpClient);
