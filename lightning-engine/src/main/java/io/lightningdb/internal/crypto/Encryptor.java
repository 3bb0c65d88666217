package io.lightningdb.internal.crypto;

import io.lightningdb.EncryptionKeyException;
import io.lightningdb.KeyProvider;
import io.lightningdb.internal.util.Coding;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for table blocks and log records. An encrypted unit is
 *
 * <pre>
 * key id (int32) | nonce (12 bytes, random) | ciphertext | GCM tag (16 bytes)
 * </pre>
 *
 * The key id lets keys rotate; the tag authenticates, so a wrong key is detected, never decrypted
 * into garbage. Random nonces are safe for about 2^32 units per key: rotate keys well before that.
 * Thread-safe.
 */
public final class Encryptor {
    public static final int OVERHEAD = 4 + 12 + 16;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(Encryptor::newCipher);

    private final KeyProvider keys;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Integer, SecretKey> cache = new ConcurrentHashMap<>();

    public Encryptor(KeyProvider keys) {
        this.keys = keys;
        secretKey(keys.primaryKeyId()); // fail at open, not at the first write
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JDK", e);
        }
    }

    private SecretKey secretKey(int id) {
        SecretKey k = cache.get(id);
        if (k != null) {
            return k;
        }
        byte[] raw = keys.key(id);
        if (raw == null) {
            return null;
        }
        if (raw.length != 32) {
            throw new EncryptionKeyException("key " + id + " must be 32 bytes (AES-256), was " + raw.length);
        }
        SecretKey created = new SecretKeySpec(raw, "AES");
        java.util.Arrays.fill(raw, (byte) 0);
        cache.put(id, created);
        return created;
    }

    /** Id of the key new data is encrypted with. */
    public int primaryKeyId() {
        return keys.primaryKeyId();
    }

    /** Encrypts {@code plain[off, off+len)} with the primary key. */
    public byte[] encrypt(byte[] plain, int off, int len) {
        int id = keys.primaryKeyId();
        SecretKey key = secretKey(id);
        if (key == null) {
            throw new EncryptionKeyException("primary key " + id + " is not available from the key provider");
        }
        byte[] out = new byte[OVERHEAD + len];
        Coding.putInt(out, 0, id);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 4, NONCE);
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.doFinal(plain, off, len, out, 4 + NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return out;
    }

    /** Key id of an encrypted unit. */
    public static int keyId(byte[] unit, int off) {
        return Coding.getInt(unit, off);
    }

    /**
     * Decrypts a unit read from {@code file} at {@code offset}.
     *
     * @throws EncryptionKeyException when its key is not available or does not authenticate it
     */
    public byte[] decrypt(byte[] unit, int off, int len, Path file, long offset) {
        if (len < OVERHEAD) {
            throw new EncryptionKeyException(
                    "encrypted unit in " + file + " at offset " + offset + " is too short: " + len + " bytes");
        }
        int id = keyId(unit, off);
        SecretKey key = secretKey(id);
        if (key == null) {
            throw new EncryptionKeyException(file + " at offset " + offset + " is encrypted with key " + id
                    + ", which the key provider does not supply");
        }
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, unit, off + 4, NONCE));
            return c.doFinal(unit, off + 4 + NONCE, len - 4 - NONCE);
        } catch (AEADBadTagException e) {
            throw new EncryptionKeyException("Cannot decrypt " + file + " at offset " + offset + ": key " + id
                    + " is not the key it was encrypted with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "Encryptor{" + keys + "}";
    }
}
