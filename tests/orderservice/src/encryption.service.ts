// The order-service's EncryptionService (its src/common/encryption.service.ts), as it has it
// (docs/behaviour.md#token-format): AES-256-GCM with a 16-byte IV, stored as
// ivHex:authTagHex:ciphertextHex, the key (64 hex characters) from ENCRYPTION_KEY. dopool's
// TokenCipher writes and reads the same format; tests/support/node/encryption_service.js is
// the same class in plain JS.
import crypto from 'node:crypto';

export class EncryptionService {
  private readonly key: Buffer;

  constructor(keyHex: string | undefined = process.env.ENCRYPTION_KEY) {
    if (!keyHex || !/^[0-9a-fA-F]{64}$/.test(keyHex)) {
      throw new Error('ENCRYPTION_KEY must be 64 hex characters');
    }
    this.key = Buffer.from(keyHex, 'hex');
  }

  encrypt(plaintext: string): string {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    let encrypted = cipher.update(plaintext, 'utf8', 'hex');
    encrypted += cipher.final('hex');
    const authTag = cipher.getAuthTag();
    return `${iv.toString('hex')}:${authTag.toString('hex')}:${encrypted}`;
  }

  decrypt(ciphertext: string): string {
    const [ivHex, authTagHex, encrypted] = ciphertext.split(':');
    const iv = Buffer.from(ivHex, 'hex');
    const authTag = Buffer.from(authTagHex, 'hex');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(authTag);
    let decrypted = decipher.update(encrypted, 'hex', 'utf8');
    decrypted += decipher.final('utf8');
    return decrypted;
  }
}
