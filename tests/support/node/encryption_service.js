#!/usr/bin/env node
// The order-service's EncryptionService, kept identical in behaviour so tst_nodeinterop can
// prove that dopool's TokenCipher and the service read each other's ciphertexts.
//
// Usage: ENCRYPTION_KEY=<64 hex> node encryption_service.js encrypt|decrypt < inputs
// One input per stdin line; one output line per input: "ok:<result>" or "error:<message>".
// Exit status: 0 all ok, 1 some input failed, 2 usage error.
'use strict';

const crypto = require('crypto');

class EncryptionService {
  constructor() {
    this.key = Buffer.from(process.env.ENCRYPTION_KEY, 'hex');
  }

  encrypt(plaintext) {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    let encrypted = cipher.update(plaintext, 'utf8', 'hex');
    encrypted += cipher.final('hex');
    const authTag = cipher.getAuthTag();
    return `${iv.toString('hex')}:${authTag.toString('hex')}:${encrypted}`;
  }

  decrypt(ciphertext) {
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

function main() {
  const mode = process.argv[2];
  if (mode !== 'encrypt' && mode !== 'decrypt') {
    process.stderr.write('usage: encryption_service.js encrypt|decrypt < lines\n');
    process.exit(2);
  }
  if (!process.env.ENCRYPTION_KEY) {
    process.stderr.write('ENCRYPTION_KEY is not set\n');
    process.exit(2);
  }
  const service = new EncryptionService();
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => {
    let text = Buffer.concat(chunks).toString('utf8');
    // A final newline ends the last input; it does not start an empty one.
    if (text.endsWith('\n')) text = text.slice(0, -1);
    const inputs = text.length === 0 && chunks.length === 0 ? [] : text.split('\n');
    let failed = false;
    const out = inputs.map((input) => {
      try {
        return `ok:${service[mode](input)}`;
      } catch (err) {
        failed = true;
        return `error:${err.message}`;
      }
    });
    process.stdout.write(out.map((line) => `${line}\n`).join(''), () => {
      process.exit(failed ? 1 : 0);
    });
  });
}

main();
