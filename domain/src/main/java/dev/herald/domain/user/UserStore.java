package dev.herald.domain.user;

import dev.herald.domain.NotFoundException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import dev.herald.domain.JsonCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users of an org, addressed by external id. */
@Singleton
@Transactional
public class UserStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public UserStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Profile fields to merge into a user; null leaves a field as it is, a tag set to "" is removed. */
    public record ProfileChange(String locale, String timezone, String country, Map<String, String> tags, Instant lastSessionAt) {
        public static ProfileChange none() {
            return new ProfileChange(null, null, null, Map.of(), null);
        }
    }

    public record Upserted(User user, boolean created) {
    }

    public Upserted upsert(UUID orgId, String externalId, ProfileChange change) {
        Map<String, String> setTags = new LinkedHashMap<>();
        java.util.List<String> removeTags = new java.util.ArrayList<>();
        (change.tags() == null ? Map.<String, String>of() : change.tags()).forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                removeTags.add(k);
            } else {
                setTags.put(k, v);
            }
        });
        String sql = """
                insert into users (id, org_id, external_id, locale, timezone, country, tags, last_session_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now(), now())
                on conflict (org_id, external_id) do update set
                    locale = coalesce(excluded.locale, users.locale),
                    timezone = coalesce(excluded.timezone, users.timezone),
                    country = coalesce(excluded.country, users.country),
                    tags = (users.tags - ?::text[]) || excluded.tags,
                    last_session_at = coalesce(excluded.last_session_at, users.last_session_at),
                    updated_at = now()
                returning *, (xmax = 0) as inserted
                """;
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, orgId);
            ps.setString(3, externalId);
            ps.setString(4, change.locale());
            ps.setString(5, change.timezone());
            ps.setString(6, change.country());
            ps.setString(7, json.write(setTags));
            ps.setTimestamp(8, change.lastSessionAt() == null ? null : Timestamp.from(change.lastSessionAt()));
            ps.setArray(9, ps.getConnection().createArrayOf("text", removeTags.toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return new Upserted(jdbc.readEntity(rs, User.class), rs.getBoolean("inserted"));
            }
        });
    }

    public Optional<User> find(UUID orgId, String externalId) {
        return jdbc.prepareStatement("select * from users where org_id = ? and external_id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, externalId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(jdbc.readEntity(rs, User.class)) : Optional.empty();
            }
        });
    }

    public User get(UUID orgId, String externalId) {
        return find(orgId, externalId).orElseThrow(() -> new NotFoundException("User '" + externalId + "'"));
    }

    public boolean delete(UUID orgId, String externalId) {
        return jdbc.prepareStatement("delete from users where org_id = ? and external_id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, externalId);
            return ps.executeUpdate() > 0;
        });
    }

}
