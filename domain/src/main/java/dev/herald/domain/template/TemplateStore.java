package dev.herald.domain.template;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NewestFirst;
import dev.herald.domain.NotFoundException;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Templates of an org; names are unique within it. */
@Singleton
@Transactional
public class TemplateStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public TemplateStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Template create(UUID orgId, String name, MessageContent content) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.prepareStatement("insert into templates (id, org_id, name, content, created_at, updated_at) values (?, ?, ?, ?::jsonb, ?, ?)", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            ps.setString(3, name);
            ps.setString(4, json.write(content));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return get(orgId, id);
    }

    public Template replace(UUID orgId, UUID id, String name, MessageContent content) {
        int updated = jdbc.prepareStatement("update templates set name = ?, content = ?::jsonb, updated_at = ? where org_id = ? and id = ?", ps -> {
            ps.setString(1, name);
            ps.setString(2, json.write(content));
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setObject(4, orgId);
            ps.setObject(5, id);
            return ps.executeUpdate();
        });
        if (updated == 0) {
            throw new NotFoundException("Template " + id);
        }
        return get(orgId, id);
    }

    public boolean delete(UUID orgId, UUID id) {
        return jdbc.prepareStatement("delete from templates where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            return ps.executeUpdate() > 0;
        });
    }

    /** Whether another template of the org (not {@code exceptId}) has the name. */
    public boolean nameTaken(UUID orgId, String name, UUID exceptId) {
        return jdbc.prepareStatement("select exists (select 1 from templates where org_id = ? and name = ? and id is distinct from ?)", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, name);
            ps.setObject(3, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    public Optional<Template> find(UUID orgId, UUID id) {
        return jdbc.prepareStatement("select * from templates where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** A template named by its id or its name (as automation steps name them). */
    public Optional<Template> findByRef(UUID orgId, String ref) {
        try {
            return find(orgId, UUID.fromString(ref));
        } catch (IllegalArgumentException notAnId) {
            return jdbc.prepareStatement("select * from templates where org_id = ? and name = ?", ps -> {
                ps.setObject(1, orgId);
                ps.setString(2, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            });
        }
    }

    public Template get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Template " + id));
    }

    /** Newest first; {@code after} is the id of the last template of the previous page. */
    public List<Template> list(UUID orgId, UUID after, int limit) {
        return NewestFirst.page(jdbc, "templates", orgId, after, limit, this::read);
    }

    private Template read(ResultSet rs) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                json.read(rs.getString("content"), Argument.of(MessageContent.class)),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
