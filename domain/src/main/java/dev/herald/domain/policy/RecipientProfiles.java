package dev.herald.domain.policy;

import dev.herald.domain.user.User;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The users behind a page of recipient devices, in one query: locale, zone, tags for policies and templates. */
@Singleton
@Transactional
public class RecipientProfiles {

    private final JdbcOperations jdbc;

    public RecipientProfiles(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public Map<UUID, User> byIds(Collection<UUID> userIds) {
        Map<UUID, User> users = new HashMap<>();
        if (userIds.isEmpty()) {
            return users;
        }
        return jdbc.prepareStatement("select * from users where id = any(?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", userIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    User user = jdbc.readEntity(rs, User.class);
                    users.put(user.id(), user);
                }
            }
            return users;
        });
    }

    /** Users of an org by the customer's ids; ids the org does not know are left out. */
    public Map<String, User> byExternalIds(UUID orgId, Collection<String> externalIds) {
        Map<String, User> users = new HashMap<>();
        if (externalIds.isEmpty()) {
            return users;
        }
        return jdbc.prepareStatement("select * from users where org_id = ? and external_id = any(?)", ps -> {
            ps.setObject(1, orgId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", externalIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    User user = jdbc.readEntity(rs, User.class);
                    users.put(user.externalId(), user);
                }
            }
            return users;
        });
    }

    /** Users of an org who own any of these device tokens, by the customer's ids; unknown tokens are left out. */
    public Map<String, User> byDeviceTokens(UUID orgId, Collection<String> tokens) {
        Map<String, User> users = new HashMap<>();
        if (tokens.isEmpty()) {
            return users;
        }
        return jdbc.prepareStatement("""
                select * from users u where u.org_id = ?
                and exists (select 1 from devices d where d.user_id = u.id and d.org_id = ? and d.token = any(?))
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, orgId);
            ps.setArray(3, ps.getConnection().createArrayOf("text", tokens.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    User user = jdbc.readEntity(rs, User.class);
                    users.put(user.externalId(), user);
                }
            }
            return users;
        });
    }
}
