package dev.herald.domain.automation;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.policy.RecipientZone;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A user as automation conditions and push text see them ({@code user.*}). */
@Singleton
@Transactional
public class UserFactsStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public UserFactsStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * id, locale, country, timezone, tags and lastPushAt (when Herald last had a push to them
     * accepted by a provider, ISO-8601); fields the user does not have are absent. {@code zone} is
     * the zone their local time is judged in, as for sends: their device's, else their own, else
     * the app's default.
     */
    public Map<String, Object> of(UUID userId) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (userId == null) {
            return facts;
        }
        return jdbc.prepareStatement("""
                select u.external_id, u.locale, u.country, u.timezone, u.tags,
                       (select max(d.sent_at) from deliveries d where d.user_id = u.id and d.status = 'ACCEPTED') as last_push_at,
                       device.timezone as device_timezone,
                       coalesce(device.default_timezone,
                                (select a.default_timezone from apps a where a.org_id = u.org_id order by a.created_at, a.id limit 1))
                           as app_timezone
                from users u
                left join lateral (
                    -- the device the user was last seen on, preferring one that reports a zone
                    select d.timezone, a.default_timezone from devices d join apps a on a.id = d.app_id
                    where d.user_id = u.id and d.enabled
                    order by (d.timezone is null), d.updated_at desc, d.id limit 1) device on true
                where u.id = ?
                """, ps -> {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    facts.put("id", rs.getString("external_id"));
                    putIfPresent(facts, "locale", rs.getString("locale"));
                    putIfPresent(facts, "country", rs.getString("country"));
                    putIfPresent(facts, "timezone", rs.getString("timezone"));
                    facts.put("tags", json.readObject(rs.getString("tags")));
                    Timestamp last = rs.getTimestamp("last_push_at");
                    putIfPresent(facts, "lastPushAt", last == null ? null : last.toInstant().toString());
                    facts.put("zone", RecipientZone.resolve(rs.getString("device_timezone"), rs.getString("timezone"),
                            rs.getString("app_timezone")).getId());
                }
            }
            return facts;
        });
    }

    public String externalId(UUID userId) {
        return jdbc.prepareStatement("select external_id from users where id = ?", ps -> {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new dev.herald.domain.NotFoundException("User " + userId);
                }
                return rs.getString(1);
            }
        });
    }

    private static void putIfPresent(Map<String, Object> facts, String key, Object value) {
        if (value != null) {
            facts.put(key, value);
        }
    }
}
