package dev.herald.domain.budget;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.UUID;

/**
 * Counts requests per caller and budget in fixed one-minute windows of PostgreSQL's clock: one
 * upsert per request (a new window resets the row's count), shared by every Herald instance.
 */
@Singleton
public class RequestBudgetStore {

    /** A window's count after this request, the seconds left in it, and the app's session budget if asked for. */
    public record Charged(int used, int secondsLeft, @Nullable Integer appSessionBudget) {
    }

    private final JdbcOperations jdbc;

    public RequestBudgetStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one request of {@code caller} against {@code budget}; {@code appId} also reads that app's session budget. */
    @Transactional
    public Charged charge(String caller, String budget, @Nullable UUID appId) {
        return jdbc.prepareStatement("""
                insert into request_budget_windows (caller, budget, window_start, used)
                values (?, ?, date_trunc('minute', now()), 1)
                on conflict (caller, budget) do update set
                    used = case when request_budget_windows.window_start = excluded.window_start
                                then request_budget_windows.used + 1 else 1 end,
                    window_start = excluded.window_start
                returning used,
                          ceil(extract(epoch from (window_start + interval '1 minute' - clock_timestamp())))::int,
                          (select session_requests_per_minute from app_settings where app_id = ?)
                """, ps -> {
            ps.setString(1, caller);
            ps.setString(2, budget);
            ps.setObject(3, appId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Charged(rs.getInt(1), rs.getInt(2), rs.getObject(3, Integer.class));
            }
        });
    }
}
