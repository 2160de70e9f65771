/**
 * A multipart/form-data body (RFC 7578) with one file part, the way Sugar's
 * POST /<M>/:id/file/:field wants it: the part is named after the field.
 */
import { randomBytes } from 'node:crypto';

/** Quotes in a header parameter would end it early; line breaks would start a header. */
const headerSafe = (text: string): string => text.replace(/["\\\r\n]/g, '_');

export function multipartFile(field: string, fileName: string, contentType: string, data: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----SugarRestExplorer${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${headerSafe(field)}"; filename="${headerSafe(fileName)}"\r\nContent-Type: ${headerSafe(contentType)}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv', json: 'application/json', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  gif: 'image/gif', svg: 'image/svg+xml', zip: 'application/zip', doc: 'application/msword', xml: 'application/xml', html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentTypeOf(fileName: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (extension && TYPES[extension]) ?? 'application/octet-stream';
}
