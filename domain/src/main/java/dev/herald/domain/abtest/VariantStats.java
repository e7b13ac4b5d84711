package dev.herald.domain.abtest;

/** How one variant did, counted in users: sent at least one push, opened one, clicked one. */
public record VariantStats(String key, long sent, long opened, long clicked) {

    public double openRate() {
        return sent == 0 ? 0 : (double) opened / sent;
    }

    public double clickRate() {
        return sent == 0 ? 0 : (double) clicked / sent;
    }
}
