/**
 * One tus PATCH (https://tus.io/protocols/resumable-upload#patch): appends `body` at `offset`;
 * with `length`, declares the upload's size (creation-defer-length: the last PATCH of a recording).
 */
export function tusPatch(url: string, cookie: string, offset: number, body: Buffer, length?: number): Promise<Response> {
  return fetch(url, {
    method: 'PATCH',
    headers: {
      cookie,
      'tus-resumable': '1.0.0',
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      ...(length === undefined ? {} : { 'upload-length': String(length) }),
    },
    body: new Uint8Array(body),
  });
}
