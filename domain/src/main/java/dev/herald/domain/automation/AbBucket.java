package dev.herald.domain.automation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** Sticky A/B assignment: a user always lands in the same bucket 0–99 of a given split. */
public final class AbBucket {

    private AbBucket() {
    }

    public static int of(String split, String userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((split + "\u0000" + userId).getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The variant a bucket falls in, walking the weights in order. */
    public static Definition.Variant pick(List<Definition.Variant> variants, int bucket) {
        int upTo = 0;
        for (Definition.Variant v : variants) {
            upTo += v.weight();
            if (bucket < upTo) {
                return v;
            }
        }
        return variants.get(variants.size() - 1);
    }
}
