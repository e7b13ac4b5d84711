package dev.herald.domain.automation;

import dev.herald.domain.abtest.AbBuckets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Sticky A/B assignment: a user always lands in the same bucket 0–99 of a given split. */
public final class AbBucket {

    private AbBucket() {
    }

    /** The same sticky hash as A/B tests of sends, keyed by the split (automation and step) instead of a test id. */
    public static int of(String split, String userId) {
        return AbBuckets.bucket(UUID.nameUUIDFromBytes(("automation-split:" + split).getBytes(StandardCharsets.UTF_8)), userId);
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
