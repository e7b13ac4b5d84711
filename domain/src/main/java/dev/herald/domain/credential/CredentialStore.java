package dev.herald.domain.credential;

import dev.herald.domain.crypto.SecretBox;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import dev.herald.domain.JsonCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Provider credentials per app, secrets sealed with AES-256-GCM under the master key. */
@Singleton
@Transactional
public class CredentialStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;
    private final SecretBox secretBox;

    public CredentialStore(JdbcOperations jdbc, JsonCodec json, SecretBox secretBox) {
        this.jdbc = jdbc;
        this.json = json;
        this.secretBox = secretBox;
    }

    public StoredCredential put(UUID appId, CredentialKind kind, Map<String, String> settings, byte[] secret) {
        return put(appId, kind, settings, secret, SecretBox.fingerprint(secret));
    }

    /**
     * Stores a credential shown by a fingerprint of its own choosing (a client certificate is
     * known by the certificate's, not by that of the sealed bundle with its password).
     */
    public StoredCredential put(UUID appId, CredentialKind kind, Map<String, String> settings, byte[] secret, String fingerprint) {
        String sql = """
                insert into provider_credentials (app_id, kind, settings, secret_sealed, fingerprint, created_at, updated_at)
                values (?, ?, ?::jsonb, ?, ?, now(), clock_timestamp())
                on conflict (app_id, kind) do update set
                    settings = excluded.settings, secret_sealed = excluded.secret_sealed,
                    fingerprint = excluded.fingerprint, updated_at = clock_timestamp()
                returning *
                """;
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, appId);
            ps.setString(2, kind.name());
            ps.setString(3, json.write(settings));
            ps.setString(4, secretBox.seal(secret));
            ps.setString(5, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        });
    }

    /**
     * Stores a credential unless the app already has one of this kind: the stored one, or empty
     * when the app had one (of two callers racing to create one, one gets it).
     */
    public Optional<StoredCredential> putIfAbsent(UUID appId, CredentialKind kind, Map<String, String> settings, byte[] secret) {
        int inserted = jdbc.prepareStatement("""
                insert into provider_credentials (app_id, kind, settings, secret_sealed, fingerprint, created_at, updated_at)
                values (?, ?, ?::jsonb, ?, ?, now(), clock_timestamp())
                on conflict (app_id, kind) do nothing
                """, ps -> {
            ps.setObject(1, appId);
            ps.setString(2, kind.name());
            ps.setString(3, json.write(settings));
            ps.setString(4, secretBox.seal(secret));
            ps.setString(5, SecretBox.fingerprint(secret));
            return ps.executeUpdate();
        });
        return inserted == 0 ? Optional.empty() : find(appId, kind);
    }

    public Optional<StoredCredential> find(UUID appId, CredentialKind kind) {
        return jdbc.prepareStatement("select * from provider_credentials where app_id = ? and kind = ?", ps -> {
            ps.setObject(1, appId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public List<StoredCredential> list(UUID appId) {
        return jdbc.prepareStatement("select * from provider_credentials where app_id = ? order by kind", ps -> {
            ps.setObject(1, appId);
            List<StoredCredential> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            return all;
        });
    }

    public boolean delete(UUID appId, CredentialKind kind) {
        return jdbc.prepareStatement("delete from provider_credentials where app_id = ? and kind = ?", ps -> {
            ps.setObject(1, appId);
            ps.setString(2, kind.name());
            return ps.executeUpdate() > 0;
        });
    }

    /** The secret of a credential, unsealed; for provider adapters only. */
    public byte[] secretOf(StoredCredential credential) {
        return secretBox.open(credential.secretSealed());
    }

    private StoredCredential read(ResultSet rs) throws SQLException {
        Map<String, String> settings = json.read(rs.getString("settings"), Argument.mapOf(String.class, String.class));
        return new StoredCredential(rs.getObject("app_id", UUID.class), CredentialKind.valueOf(rs.getString("kind")),
                settings, rs.getString("secret_sealed"), rs.getString("fingerprint"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

}
