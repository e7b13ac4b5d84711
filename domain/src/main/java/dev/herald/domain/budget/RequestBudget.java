package dev.herald.domain.budget;

/**
 * A caller's budget of requests in a one-minute window (S10): an API key's or a session's for
 * all requests, and a lower one for bulk requests (CSV uploads, segment previews).
 *
 * @param name     the counter this budget charges ({@code all}, {@code bulk})
 * @param perMinute how many requests a window allows
 */
public record RequestBudget(String name, int perMinute) {

    public static final String ALL = "all";
    public static final String BULK = "bulk";
    public static final int MAX_PER_MINUTE = 1_000_000;

    /** What a request that made the window's count {@code used} gets, with {@code secondsLeft} in the window. */
    public Verdict judge(int used, int secondsLeft) {
        return used <= perMinute ? Verdict.allowed(perMinute - used) : Verdict.refused(Math.max(1, secondsLeft));
    }

    /** Whether a request may go on, how many more the window allows, and when to retry if not. */
    public record Verdict(boolean allowed, int remaining, int retryAfterSeconds) {
        static Verdict allowed(int remaining) {
            return new Verdict(true, remaining, 0);
        }

        static Verdict refused(int retryAfterSeconds) {
            return new Verdict(false, 0, retryAfterSeconds);
        }
    }

    /** The session budget of an app: its own setting, else the server's default. */
    public static RequestBudget forSession(Integer appSetting, int serverDefault) {
        return new RequestBudget(ALL, appSetting != null ? appSetting : serverDefault);
    }
}
