package dev.herald.domain.abtest;

import org.apache.commons.numbers.gamma.Erfc;

/**
 * The two-proportion z-test (pooled standard error, two-sided): did variant B convert at a
 * different rate than control A by more than chance explains?
 */
public final class TwoProportionTest {

    private TwoProportionTest() {
    }

    /**
     * @param lift  relative change of B over A, (pB − pA) / pA; null when A converted nobody
     * @param z     (pB − pA) / SE, with SE = √(p̂(1 − p̂)(1/nA + 1/nB)) and p̂ the pooled rate
     * @param pValue two-sided, P(|Z| ≥ |z|) = erfc(|z| / √2)
     */
    public record Comparison(double rateA, double rateB, Double lift, double z, double pValue) {
    }

    /**
     * Why these counts cannot be compared (a group without recipients, conversions outside 0 to
     * the recipients), or null when they can.
     */
    public static String whyNotComparable(long sentA, long convertedA, long sentB, long convertedB) {
        if (sentA <= 0 || sentB <= 0) {
            return "both groups need at least one recipient";
        }
        if (convertedA < 0 || convertedA > sentA || convertedB < 0 || convertedB > sentB) {
            return "conversions must be between 0 and the recipients";
        }
        return null;
    }

    /** @throws IllegalArgumentException when {@link #whyNotComparable} names a reason */
    public static Comparison compare(long sentA, long convertedA, long sentB, long convertedB) {
        String why = whyNotComparable(sentA, convertedA, sentB, convertedB);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        double rateA = (double) convertedA / sentA;
        double rateB = (double) convertedB / sentB;
        double pooled = (double) (convertedA + convertedB) / (sentA + sentB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / sentA + 1.0 / sentB));
        Double lift = convertedA == 0 ? null : (rateB - rateA) / rateA;
        if (se == 0) {
            // everyone or no one converted in both groups: no evidence of a difference
            return new Comparison(rateA, rateB, lift, 0, 1);
        }
        double z = (rateB - rateA) / se;
        return new Comparison(rateA, rateB, lift, z, Erfc.value(Math.abs(z) / Math.sqrt(2)));
    }
}
