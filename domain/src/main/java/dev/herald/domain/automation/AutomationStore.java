package dev.herald.domain.automation;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Automations and their versions. */
@Singleton
@Transactional
public class AutomationStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public AutomationStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What publishing did: a new automation, a new version of one, or nothing (same definition as the current version). */
    public record Published(Automation automation, AutomationVersion version, boolean createdAutomation, boolean createdVersion) {
    }

    /** Thrown when the automation's state forbids the change (e.g. publishing to an archived automation). */
    public static class StateConflict extends RuntimeException {
        public StateConflict(String message) {
            super(message);
        }
    }

    /**
     * Publishes a valid definition as the automation's next version (creating the automation at
     * version 1). Runs already under way keep the version they started with.
     */
    public Published publish(UUID orgId, String key, Definition definition, Map<String, Object> definitionJson) {
        boolean created = jdbc.prepareStatement("""
                insert into automations (id, org_id, key, name, status, current_version, trigger_event, created_at, updated_at)
                values (?, ?, ?, ?, 'ACTIVE', 0, ?, now(), now())
                on conflict (org_id, key) do nothing
                """, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, orgId);
            ps.setString(3, key);
            ps.setString(4, definition.name());
            ps.setString(5, definition.trigger().event());
            return ps.executeUpdate() == 1;
        });
        Automation automation = jdbc.prepareStatement("select * from automations where org_id = ? and key = ? for update", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        });
        if (automation.status() == AutomationStatus.ARCHIVED) {
            throw new StateConflict("Automation '" + key + "' is archived; publish under a new key");
        }
        if (automation.currentVersion() > 0) {
            AutomationVersion current = version(automation.id(), automation.currentVersion()).orElseThrow();
            if (sameJson(current.definition(), definitionJson)) {
                return new Published(automation, current, false, false);
            }
        }
        int next = automation.currentVersion() + 1;
        jdbc.prepareStatement("""
                insert into automation_versions (id, automation_id, version, definition, listens_to, created_at)
                values (?, ?, ?, ?::jsonb, ?, now())
                """, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, automation.id());
            ps.setInt(3, next);
            ps.setString(4, json.write(definitionJson));
            ps.setArray(5, ps.getConnection().createArrayOf("text", definition.listensTo().toArray()));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("update automations set current_version = ?, name = ?, trigger_event = ?, updated_at = now() where id = ?", ps -> {
            ps.setInt(1, next);
            ps.setString(2, definition.name());
            ps.setString(3, definition.trigger().event());
            ps.setObject(4, automation.id());
            return ps.executeUpdate();
        });
        return new Published(get(orgId, key), version(automation.id(), next).orElseThrow(), created, true);
    }

    private boolean sameJson(Map<String, Object> a, Map<String, Object> b) {
        return jdbc.prepareStatement("select ?::jsonb = ?::jsonb", ps -> {
            ps.setString(1, json.write(a));
            ps.setString(2, json.write(b));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    public Optional<Automation> find(UUID orgId, String key) {
        return jdbc.prepareStatement("select * from automations where org_id = ? and key = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public Automation get(UUID orgId, String key) {
        return find(orgId, key).orElseThrow(() -> new NotFoundException("Automation '" + key + "'"));
    }

    /** By key; archived ones only when {@code status} asks for them. */
    public List<Automation> list(UUID orgId, @Nullable AutomationStatus status, @Nullable String afterKey, int limit) {
        String sql = "select * from automations where org_id = ? and "
                + (status == null ? "status <> 'ARCHIVED'" : "status = ?")
                + (afterKey == null ? "" : " and key > ?") + " order by key limit ?";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, orgId);
            if (status != null) {
                ps.setString(i++, status.name());
            }
            if (afterKey != null) {
                ps.setString(i++, afterKey);
            }
            ps.setInt(i, limit);
            List<Automation> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            return all;
        });
    }

    /** Moves an automation between states; answers the automation as it now is. */
    public Automation setStatus(UUID orgId, String key, AutomationStatus to) {
        Automation current = get(orgId, key);
        if (current.status() == AutomationStatus.ARCHIVED && to != AutomationStatus.ARCHIVED) {
            throw new StateConflict("Automation '" + key + "' is archived");
        }
        jdbc.prepareStatement("update automations set status = ?, updated_at = now() where id = ?", ps -> {
            ps.setString(1, to.name());
            ps.setObject(2, current.id());
            return ps.executeUpdate();
        });
        return get(orgId, key);
    }

    public Optional<AutomationVersion> version(UUID automationId, int version) {
        return jdbc.prepareStatement("select * from automation_versions where automation_id = ? and version = ?", ps -> {
            ps.setObject(1, automationId);
            ps.setInt(2, version);
            List<AutomationVersion> found = readVersions(ps);
            return found.stream().findFirst();
        });
    }

    public AutomationVersion versionById(UUID versionId) {
        return jdbc.prepareStatement("select * from automation_versions where id = ?", ps -> {
            ps.setObject(1, versionId);
            return readVersions(ps);
        }).stream().findFirst().orElseThrow(() -> new NotFoundException("Automation version " + versionId));
    }

    /** Newest first. */
    public List<AutomationVersion> versions(UUID automationId) {
        return jdbc.prepareStatement("select * from automation_versions where automation_id = ? order by version desc", ps -> {
            ps.setObject(1, automationId);
            return readVersions(ps);
        });
    }

    /** Active automations whose trigger is this event, with their current versions. */
    /** Whether an active automation of the org starts on this event (its trigger filter aside). */
    public boolean anyTriggeredBy(UUID orgId, String eventName) {
        return jdbc.prepareStatement("select exists (select 1 from automations where org_id = ? and status = 'ACTIVE' and trigger_event = ?)", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, eventName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    public List<Map.Entry<Automation, AutomationVersion>> triggeredBy(UUID orgId, String eventName) {
        return jdbc.prepareStatement("""
                select a.*, v.id as v_id, v.version as v_version, v.definition as v_definition, v.listens_to as v_listens_to,
                       v.created_at as v_created_at
                from automations a join automation_versions v on v.automation_id = a.id and v.version = a.current_version
                where a.org_id = ? and a.status = 'ACTIVE' and a.trigger_event = ?
                order by a.key
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, eventName);
            List<Map.Entry<Automation, AutomationVersion>> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Automation a = read(rs);
                    found.add(Map.entry(a, new AutomationVersion(rs.getObject("v_id", UUID.class), a.id(), rs.getInt("v_version"),
                            json.readObject(rs.getString("v_definition")), Arrays.asList((String[]) rs.getArray("v_listens_to").getArray()),
                            rs.getTimestamp("v_created_at").toInstant())));
                }
            }
            return found;
        });
    }

    private List<AutomationVersion> readVersions(PreparedStatement ps) throws SQLException {
        List<AutomationVersion> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new AutomationVersion(rs.getObject("id", UUID.class), rs.getObject("automation_id", UUID.class),
                        rs.getInt("version"), json.readObject(rs.getString("definition")),
                        Arrays.asList((String[]) rs.getArray("listens_to").getArray()), rs.getTimestamp("created_at").toInstant()));
            }
        }
        return found;
    }

    private static Automation read(ResultSet rs) throws SQLException {
        return new Automation(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("key"),
                rs.getString("name"), AutomationStatus.valueOf(rs.getString("status")), rs.getInt("current_version"),
                rs.getString("trigger_event"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
