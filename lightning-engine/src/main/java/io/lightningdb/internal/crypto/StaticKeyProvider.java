package io.lightningdb.internal.crypto;

import io.lightningdb.EncryptionKeyException;
import io.lightningdb.KeyProvider;
import java.util.Map;
import java.util.TreeMap;

/** Keys held in memory; {@link #toString()} shows key ids only. */
public final class StaticKeyProvider implements KeyProvider {
    private final int primary;
    private final Map<Integer, byte[]> keys = new TreeMap<>();

    public StaticKeyProvider(int primary, Map<Integer, byte[]> keys) {
        keys.forEach((id, key) -> {
            if (id == null || id < 0) {
                throw new EncryptionKeyException("key ids must be non-negative, was " + id);
            }
            if (key == null || key.length != 32) {
                throw new EncryptionKeyException("key " + id + " must be 32 bytes (AES-256), was "
                        + (key == null ? "null" : key.length + " bytes"));
            }
            this.keys.put(id, key.clone());
        });
        if (!this.keys.containsKey(primary)) {
            throw new EncryptionKeyException("primary key " + primary + " is not among the keys " + this.keys.keySet());
        }
        this.primary = primary;
    }

    @Override
    public int primaryKeyId() {
        return primary;
    }

    @Override
    public byte[] key(int keyId) {
        byte[] k = keys.get(keyId);
        return k == null ? null : k.clone();
    }

    @Override
    public String toString() {
        return "KeyProvider{keyIds=" + keys.keySet() + ", primary=" + primary + "}";
    }
}
