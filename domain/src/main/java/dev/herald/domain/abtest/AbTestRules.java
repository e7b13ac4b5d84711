package dev.herald.domain.abtest;

import dev.herald.domain.FieldError;
import dev.herald.domain.template.MessageContentRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of an A/B test definition: 2–10 variants with unique keys, weights summing to 100, and what each says. */
public final class AbTestRules {

    public static final int MIN_VARIANTS = 2;
    public static final int MAX_VARIANTS = 10;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-]{1,32}");

    private AbTestRules() {
    }

    public static List<FieldError> validate(List<AbVariant> variants, AutoPromote autoPromote) {
        List<FieldError> errors = new ArrayList<>();
        if (variants == null || variants.size() < MIN_VARIANTS || variants.size() > MAX_VARIANTS) {
            errors.add(new FieldError("variants", "an A/B test has " + MIN_VARIANTS + " to " + MAX_VARIANTS + " variants"));
            return errors;
        }
        Set<String> keys = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < variants.size(); i++) {
            AbVariant v = variants.get(i);
            String field = "variants[" + i + "]";
            if (v == null) {
                errors.add(new FieldError(field, "must be an object with a key, a weight and its text or a templateId"));
                continue;
            }
            if (v.key() == null || !KEY.matcher(v.key()).matches()) {
                errors.add(new FieldError(field + ".key", "must be 1 to 32 letters, digits, - or _"));
            } else if (!keys.add(v.key())) {
                errors.add(new FieldError(field + ".key", "is used by another variant"));
            }
            if (v.weight() < 1 || v.weight() > 99) {
                errors.add(new FieldError(field + ".weight", "must be 1 to 99"));
            }
            sum += v.weight();
            if ((v.content() == null) == (v.templateId() == null)) {
                errors.add(new FieldError(field, "needs either its own text (title, body, …) or a templateId, not both"));
            } else if (v.content() != null) {
                errors.addAll(MessageContentRules.validate(field + ".", v.content(), true));
            }
        }
        if (sum != AbBuckets.BUCKETS) {
            errors.add(new FieldError("variants", "weights must sum to 100; they sum to " + sum));
        }
        if (autoPromote != null) {
            validateAutoPromote(autoPromote, errors);
        }
        return errors;
    }

    private static void validateAutoPromote(AutoPromote p, List<FieldError> errors) {
        if (p.samplePercent() < 1 || p.samplePercent() > 99) {
            errors.add(new FieldError("autoPromote.samplePercent", "must be 1 to 99: the share of the audience that tries the variants"));
        }
        if (p.minSamplePerVariant() < 1) {
            errors.add(new FieldError("autoPromote.minSamplePerVariant", "must be at least 1"));
        }
        if (p.minWaitMinutes() < 0) {
            errors.add(new FieldError("autoPromote.minWaitMinutes", "must not be negative"));
        }
        if (p.maxWaitMinutes() < p.minWaitMinutes() || p.maxWaitMinutes() > 60 * 24 * 30) {
            errors.add(new FieldError("autoPromote.maxWaitMinutes", "must be at least minWaitMinutes and at most 30 days"));
        }
        if (p.confidence() != null && (p.confidence() < 0.8 || p.confidence() > 0.999)) {
            errors.add(new FieldError("autoPromote.confidence", "must be between 0.8 and 0.999"));
        }
        if (p.checkEveryMinutes() != null && (p.checkEveryMinutes() < 1 || p.checkEveryMinutes() > 24 * 60)) {
            errors.add(new FieldError("autoPromote.checkEveryMinutes", "must be 1 to 1440"));
        }
        if (p.ifInconclusive() != null && !AutoPromote.SEND_CONTROL.equals(p.ifInconclusive())
                && !AutoPromote.SEND_NOTHING.equals(p.ifInconclusive())) {
            errors.add(new FieldError("autoPromote.ifInconclusive", "must be control (the rest get the first variant) or nothing"));
        }
    }
}
