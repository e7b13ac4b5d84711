package dev.herald.domain.abtest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An A/B test of an org. Sends that name it give each user the variant of their sticky bucket
 * until a winner is declared (by hand or by auto-promotion); from then on everyone gets the winner.
 *
 * @param autoPromote null unless the test promotes its winner automatically
 * @param winnerSource {@code manual}, {@code auto} (significant), or {@code auto_inconclusive} when an
 *                     auto-promotion ran out of time without a significant winner (the winner stays null)
 */
public record AbTest(UUID id, UUID orgId, String name, AbMetric metric, List<AbVariant> variants, AutoPromote autoPromote,
                     String winner, String winnerSource, Instant winnerDeclaredAt, Instant createdAt, Instant updatedAt) {

    public Optional<AbVariant> variant(String key) {
        return variants.stream().filter(v -> v.key().equals(key)).findFirst();
    }

    public Optional<AbVariant> winningVariant() {
        return winner == null ? Optional.empty() : variant(winner);
    }

    public AbVariant control() {
        return variants.get(0);
    }

    /** The variant of a user (by the customer's user id) while the test runs. */
    public AbVariant assign(String userId) {
        return AbBuckets.assign(id, userId, variants);
    }
}
