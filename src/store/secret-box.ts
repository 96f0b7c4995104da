/**
 * Merchants' callback secrets at rest. With SECRETS_KEY (32 bytes) each secret is stored sealed with
 * AES-256-GCM — `enc:v1:<iv>:<ciphertext>:<tag>`, base64url, the merchant's id as associated data so
 * a sealed secret copied onto another merchant does not open —, and opened when read. Without a key
 * secrets are stored as they are. Each stored value says which it is, so plain and sealed values
 * can live side by side while `fpgo secrets encrypt` (or the start of the server) seals the plain ones.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

export class SecretBox {
  private constructor(private readonly key: Buffer | null) {}

  /** Seals with `key` (32 bytes); null: stores secrets in plain text. */
  static of(key: Buffer | null): SecretBox {
    if (key !== null && key.length !== 32) throw new RangeError('SECRETS_KEY must be 32 bytes');
    return new SecretBox(key);
  }

  get sealing(): boolean {
    return this.key !== null;
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  /** What to store for `secret` of merchant `owner`. */
  seal(secret: string, owner: string): string {
    if (!this.key) return secret;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(owner, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join(':')}`;
  }

  /** The secret a stored value of merchant `owner` holds. */
  open(stored: string, owner: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    if (!this.key) throw new Error('a callback secret is stored encrypted, but SECRETS_KEY is not set');
    const [iv, sealed, tag] = stored.slice(PREFIX.length).split(':').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !sealed || !tag) throw new Error(`the stored callback secret of merchant ${owner} is malformed`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(owner, 'utf8')).setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`the callback secret of merchant ${owner} does not open with SECRETS_KEY (another key sealed it)`);
    }
  }
}

/** SECRETS_KEY as written: 64 hex digits or the base64 (or base64url) of 32 bytes. */
export function parseSecretsKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  if (!key || key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, written as 64 hex digits or in base64 (e.g. `openssl rand -base64 32`)');
  return key;
}
