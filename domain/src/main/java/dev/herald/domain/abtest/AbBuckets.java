package dev.herald.domain.abtest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * Sticky assignment of users to variants: a user's bucket 0–99 is a hash of the test and the
 * user, so the same user always lands in the same variant of a test, on any pod, in any send,
 * and different tests split users independently.
 */
public final class AbBuckets {

    public static final int BUCKETS = 100;

    private AbBuckets() {
    }

    /** The bucket 0–99 of a user (by the customer's own user id) in a test. */
    public static int bucket(UUID testId, String userId) {
        return bucket(testId + ":" + userId);
    }

    /** Whether the user is in the first {@code percent}% of a test's audience: the sample an auto-promoted test tries first. */
    public static boolean inSample(UUID testId, String userId, int percent) {
        // a separate hash, so being in the sample says nothing about the variant
        return bucket(testId + ":sample:" + userId) < percent;
    }

    /** The variant whose weight range holds {@code bucket}: weights 50/30/20 cover 0–49, 50–79, 80–99. */
    public static AbVariant pick(List<AbVariant> variants, int bucket) {
        int upTo = 0;
        for (AbVariant variant : variants) {
            upTo += variant.weight();
            if (bucket < upTo) {
                return variant;
            }
        }
        throw new IllegalArgumentException("variant weights sum to " + upTo + ", not " + BUCKETS);
    }

    public static AbVariant assign(UUID testId, String userId, List<AbVariant> variants) {
        return pick(variants, bucket(testId, userId));
    }

    private static int bucket(String key) {
        byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        long value = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        return (int) Long.remainderUnsigned(value, BUCKETS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
