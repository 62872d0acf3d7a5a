import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError } from 'react-admin';
import { ApiError } from './errors/apiError';
import { withPartialPagination } from './partialPagination';

/** Base URL of the console's REST resources (ra-data-simple-rest wire format). */
export const API_URL = '/api/console';

/**
 * fetchJson with the session cookie. The API's error envelope ({"error":{"code","message"},"requestId"})
 * becomes an ApiError whose message is a translation key for its code (the reader's language, never
 * the server's English text), with the code and request id kept for a "Details" toggle.
 */
export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  try {
    return await fetchUtils.fetchJson(url, { ...options, credentials: 'include' });
  } catch (error) {
    if (error instanceof HttpError) throw new ApiError(error.status, error.body);
    if (error instanceof TypeError) throw new ApiError(0, null); // fetch could not reach the server
    throw error;
  }
};

export const dataProvider = withPartialPagination(simpleRestProvider(API_URL, httpClient));
