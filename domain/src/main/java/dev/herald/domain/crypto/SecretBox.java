package dev.herald.domain.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals secrets with AES-256-GCM under named master keys. A sealed value reads
 * {@code v1:<keyId>:<base64(nonce || ciphertext)>}, so values sealed under an older key stay
 * readable after the active key changes, and {@link #reseal} moves them to the active key.
 */
public final class SecretBox {

    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    public SecretBox(Map<String, byte[]> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active master key '" + activeKeyId + "' is not among the keys");
        }
        this.keys = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("master key '" + id + "' must be 32 bytes (AES-256), was " + key.length);
            }
            this.keys.put(id, new SecretKeySpec(key, "AES"));
        });
        this.activeKeyId = activeKeyId;
    }

    /**
     * Parses {@code id:base64key[,id:base64key...]}; the first key is the active one.
     */
    public static SecretBox fromSpec(String spec) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String active = null;
        for (String part : spec.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("master keys are written id:base64key[,id:base64key...]");
            }
            String id = trimmed.substring(0, colon);
            keys.put(id, Base64.getDecoder().decode(trimmed.substring(colon + 1)));
            if (active == null) {
                active = id;
            }
        }
        if (active == null) {
            throw new IllegalArgumentException("no master key given");
        }
        return new SecretBox(keys, active);
    }

    public static String newKeySpec(String id) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String seal(String plaintext) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + ":" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public byte[] open(String sealed) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("secret is sealed under master key '" + parts[1] + "', which is not configured");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed secret failed authentication", e);
        }
    }

    public String openString(String sealed) {
        return new String(open(sealed), StandardCharsets.UTF_8);
    }

    /** The key id a sealed value was sealed under. */
    public static String keyIdOf(String sealed) {
        return sealed.split(":", 3)[1];
    }

    /** Whether this box holds the key a sealed value was sealed under. */
    public boolean canOpen(String sealed) {
        String[] parts = sealed.split(":", 3);
        return parts.length == 3 && keys.containsKey(parts[1]);
    }

    /** Re-seals under the active key, so an old master key can be retired. */
    public String reseal(String sealed) {
        return keyIdOf(sealed).equals(activeKeyId) ? sealed : seal(open(sealed));
    }

    /** A short, stable, non-reversible label for a secret, safe to show in responses. */
    public static String fingerprint(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
