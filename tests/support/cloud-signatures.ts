import { createHash, createHmac } from 'node:crypto';

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface Acs3Request {
  method: string;
  host: string;
  /** Query parameters; RPC-style operations such as SendSms take theirs here. */
  query: Record<string, string>;
  body: string;
  action: string;
  version: string;
  /** yyyy-MM-ddTHH:mm:ssZ, UTC. */
  date: string;
  nonce: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/** The canonical query string of both clouds: names sorted, names and values RFC 3986-encoded. */
export function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(query[name] ?? '')}`)
    .join('&');
}

/**
 * Alibaba Cloud's signature V3 (ACS3-HMAC-SHA256): the request headers to send, Authorization
 * included. Every x-acs- header and host are signed.
 */
export function acs3Headers(request: Acs3Request): Record<string, string> {
  const signed: Record<string, string> = {
    host: request.host,
    'x-acs-action': request.action,
    'x-acs-content-sha256': sha256Hex(request.body),
    'x-acs-date': request.date,
    'x-acs-signature-nonce': request.nonce,
    'x-acs-version': request.version,
  };
  const names = Object.keys(signed).sort();
  const canonicalRequest = [
    request.method,
    '/',
    canonicalQuery(request.query),
    names.map((name) => `${name}:${signed[name]?.trim() ?? ''}\n`).join(''),
    names.join(';'),
    signed['x-acs-content-sha256'],
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = hmac(request.accessKeySecret, stringToSign).toString('hex');
  return {
    ...signed,
    authorization: `ACS3-HMAC-SHA256 Credential=${request.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`,
  };
}

export interface Tc3Request {
  host: string;
  /** The product, first label of its domain: `sms`. */
  service: string;
  contentType: string;
  payload: string;
  /** Unix seconds; the credential's date is its UTC day. */
  timestamp: number;
  secretId: string;
  secretKey: string;
}

/** Tencent Cloud's TC3-HMAC-SHA256 Authorization header of a POST (content-type and host signed). */
export function tc3Authorization(request: Tc3Request): string {
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${request.contentType}\nhost:${request.host}\n`,
    'content-type;host',
    sha256Hex(request.payload),
  ].join('\n');
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = [
    'TC3-HMAC-SHA256',
    String(request.timestamp),
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signing = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = hmac(signing, stringToSign).toString('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}
