import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';

/** The kinds of personal data we hold; each is bound to its ciphertext so values cannot be swapped. */
export type PersonalField =
  'name' | 'idNumber' | 'phone' | 'address' | 'receipt' | 'queryCode' | 'verificationCode';

const VERSION = 'v1';
const IV_BYTES = 12;

export class PersonalDataKeyError extends Error {}

/**
 * Encrypts personal data at rest with AES-256-GCM. Ciphertexts name the key that made them
 * (`v1.<keyId>.<iv>.<tag>.<data>`), so keys can rotate: the first key encrypts, all decrypt.
 * Blind indexes (HMAC-SHA256 under a separate key) let ID numbers and phones be matched without
 * decrypting them.
 */
export class PersonalDataCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;

  constructor(
    keys: { id: string; key: Buffer }[],
    private readonly hashKey: Buffer,
  ) {
    const [active] = keys;
    if (!active) throw new PersonalDataKeyError('at least one encryption key is needed');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new PersonalDataKeyError(`key ${id} is not 32 bytes`);
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    this.activeKeyId = active.id;
  }

  /** From PERSONAL_DATA_KEYS (`id:base64,id:base64`, first active) and PERSONAL_DATA_HASH_KEY. */
  static fromSettings(keys: string, hashKey: string): PersonalDataCipher {
    const parsed = keys.split(',').map((entry) => {
      const [id, material] = entry.trim().split(':');
      if (!id || !material) throw new PersonalDataKeyError('keys are written id:base64key');
      return { id, key: Buffer.from(material, 'base64') };
    });
    return new PersonalDataCipher(parsed, Buffer.from(hashKey, 'utf8'));
  }

  encrypt(field: PersonalField, plaintext: string): string {
    const key = this.keys.get(this.activeKeyId);
    if (!key) throw new PersonalDataKeyError('no active key');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(field));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.activeKeyId, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /**
   * An AES-256-GCM stream under the active key, for files (attachments): the caller keeps the key
   * id and IV beside the ciphertext and the tag after it. `context` (e.g. the file's id) is
   * authenticated, so one sealed file cannot pass for another.
   */
  sealStream(context: string): { keyId: string; iv: Buffer; cipher: CipherGCM } {
    const key = this.keys.get(this.activeKeyId);
    if (!key) throw new PersonalDataKeyError('no active key');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    return { keyId: this.activeKeyId, iv, cipher };
  }

  /** Opens what sealStream sealed; the decipher fails at its end if a byte was changed. */
  openStream(context: string, keyId: string, iv: Buffer, tag: Buffer): DecipherGCM {
    const key = this.keys.get(keyId);
    if (!key) throw new PersonalDataKeyError(`cannot open a file sealed with key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return decipher;
  }

  decrypt(field: PersonalField, sealed: string): string {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (version !== VERSION || !key || !iv || !tag || data === undefined) {
      throw new PersonalDataKeyError(`cannot open a value sealed with key ${keyId ?? '?'}`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  encryptOptional(field: PersonalField, plaintext: string | null | undefined): string | null {
    return plaintext ? this.encrypt(field, plaintext) : null;
  }

  decryptOptional(field: PersonalField, sealed: string | null): string | null {
    return sealed ? this.decrypt(field, sealed) : null;
  }

  /** A keyed hash for matching equal values (ID numbers, phones) without decrypting. */
  blindIndex(field: 'idNumber' | 'phone', value: string): string {
    return createHmac('sha256', this.hashKey).update(`${field}:${value}`).digest('hex');
  }

  /** Makes a fresh key setting for local runs: `k1:<32 random bytes, base64>`. */
  static newKeySetting(id = 'k1'): string {
    return `${id}:${randomBytes(32).toString('base64')}`;
  }
}

/** `510921********1234`: area code and last four digits. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}${'*'.repeat(Math.max(idNumber.length - 10, 0))}${idNumber.slice(-4)}`;
}

/** `138****5678`; a landline `0825-***3344`, its extension hidden too. */
export function maskPhone(phone: string): string {
  const [area, number, extension] = phone.split('-');
  if (/^0\d{2,3}$/.test(area ?? '') && number && number.length > 4) {
    const ext = extension ? `-${'*'.repeat(extension.length)}` : '';
    return `${area}-${'*'.repeat(number.length - 4)}${number.slice(-4)}${ext}`;
  }
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
