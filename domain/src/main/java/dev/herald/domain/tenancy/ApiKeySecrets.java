package dev.herald.domain.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys read {@code hk_<key id hex>_<secret>}. The id finds the row; only a SHA-256 of the
 * secret is stored (the secret is 256 random bits, so a slow hash adds nothing).
 */
public final class ApiKeySecrets {

    private static final Pattern FORMAT = Pattern.compile("hk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public record Parsed(UUID keyId, String secret) {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String format(UUID keyId, String secret) {
        return "hk_" + keyId.toString().replace("-", "") + "_" + secret;
    }

    public static boolean looksLikeApiKey(String token) {
        return token.startsWith("hk_");
    }

    public static Optional<Parsed> parse(String key) {
        Matcher m = FORMAT.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        String hex = m.group(1);
        UUID id = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        return Optional.of(new Parsed(id, m.group(2)));
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
