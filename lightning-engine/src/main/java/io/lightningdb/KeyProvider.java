package io.lightningdb;

import io.lightningdb.internal.crypto.StaticKeyProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Supplies the AES-256 keys for encryption at rest ({@link LightningConfig.Builder#encryption}).
 * Every encrypted block and log record names the id of its key, so keys can rotate: new data is
 * encrypted with the {@link #primaryKeyId() primary key}, older data stays readable as long as its
 * key is supplied, and {@link LightningDb#rewriteWithCurrentKey()} moves everything to the primary.
 *
 * <pre>{@code
 * // one key, from configuration (32 bytes, base64)
 * KeyProvider keys = KeyProvider.ofBase64(1, System.getenv("LIGHTNING_KEY"));
 * // rotation: key 2 encrypts new data, key 1 still decrypts old data
 * KeyProvider rotated = KeyProvider.of(2, Map.of(1, oldKey, 2, newKey));
 * // or a key file: "primary=2", "key.1=<base64>", "key.2=<base64>"
 * KeyProvider fromFile = KeyProvider.fromFile(Path.of("/etc/lightning/keys"));
 * }</pre>
 *
 * <p>Implement it to fetch keys from a KMS or vault. Implementations must be thread-safe and must
 * never reveal key material in {@code toString()}, logs or exception messages; the built-in ones
 * do not.
 */
public interface KeyProvider {
    /** Id of the key that encrypts new data; ids are non-negative. */
    int primaryKeyId();

    /** The 32-byte key with id {@code keyId}, or null when this provider does not have it. */
    byte[] key(int keyId);

    /** A provider holding {@code keys} (copied) with {@code primaryKeyId} as primary. */
    static KeyProvider of(int primaryKeyId, Map<Integer, byte[]> keys) {
        return new StaticKeyProvider(primaryKeyId, keys);
    }

    /** A provider with one key, given as base64 of its 32 bytes. */
    static KeyProvider ofBase64(int keyId, String base64Key) {
        return of(keyId, Map.of(keyId, decode("key " + keyId, base64Key)));
    }

    /**
     * Reads keys from a properties file: {@code primary=<id>} and one {@code key.<id>=<base64>} line
     * per key. Keep the file readable by the database's user only.
     */
    static KeyProvider fromFile(Path keyFile) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new EncryptionKeyException("Cannot read key file " + keyFile + ": " + e.getMessage());
        }
        Map<Integer, byte[]> keys = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("key.")) {
                int id = parseId(keyFile, name.substring(4));
                keys.put(
                        id,
                        decode(
                                "key " + id + " in " + keyFile,
                                p.getProperty(name).strip()));
            }
        }
        String primary = p.getProperty("primary");
        if (primary == null) {
            throw new EncryptionKeyException("Key file " + keyFile + " names no primary key (primary=<id>)");
        }
        return of(parseId(keyFile, primary.strip()), keys);
    }

    private static int parseId(Path file, String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new EncryptionKeyException("Key file " + file + " holds a key id that is not a number");
        }
    }

    private static byte[] decode(String what, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new EncryptionKeyException(what + " is not valid base64"); // never echo the key
        }
    }
}
