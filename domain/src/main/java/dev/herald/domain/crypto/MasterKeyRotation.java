package dev.herald.domain.crypto;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves every sealed secret (provider credentials, apps' session secrets) to the active
 * master key, so an old key can be dropped from {@code HERALD_MASTER_KEYS}. Rotation: put the
 * new key first and keep the old one after it, start Herald (it re-seals at start), then
 * remove the old key. Each row is swapped only if nobody changed it meanwhile.
 */
@Singleton
public class MasterKeyRotation {

    private final JdbcOperations jdbc;
    private final SecretBox secretBox;

    public MasterKeyRotation(JdbcOperations jdbc, SecretBox secretBox) {
        this.jdbc = jdbc;
        this.secretBox = secretBox;
    }

    /** Re-seals what is sealed under another key than the active one; returns how many secrets moved. */
    @Transactional
    public int resealAll() {
        return reseal(null);
    }

    /** The same, for some apps only. */
    @Transactional
    public int resealApps(List<UUID> appIds) {
        return reseal(appIds);
    }

    private record Sealed(UUID appId, String kind, String value) {
    }

    private int reseal(List<UUID> appIds) {
        String current = "v1:" + secretBox.activeKeyId() + ":%";
        String scope = appIds == null ? "" : " and app_id = any(?)";
        int moved = 0;
        for (Sealed s : read("select app_id, kind, secret_sealed from provider_credentials where secret_sealed not like ?" + scope, current, appIds)) {
            moved += swap("update provider_credentials set secret_sealed = ? where app_id = ? and kind = ? and secret_sealed = ?", s);
        }
        for (Sealed s : read("select id, null, jwt_secret_sealed from apps where jwt_secret_sealed not like ?" + scope.replace("app_id", "id"), current, appIds)) {
            moved += swap("update apps set jwt_secret_sealed = ? where id = ? and jwt_secret_sealed = ?", s);
        }
        return moved;
    }

    private List<Sealed> read(String sql, String current, List<UUID> appIds) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, current);
            if (appIds != null) {
                ps.setArray(2, ps.getConnection().createArrayOf("uuid", appIds.toArray()));
            }
            List<Sealed> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Sealed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
            return rows;
        });
    }

    private int swap(String sql, Sealed s) {
        if (!secretBox.canOpen(s.value())) {
            // sealed under a key this process does not hold (e.g. a newer one another pod has): not ours to move
            return 0;
        }
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setString(i++, secretBox.reseal(s.value()));
            ps.setObject(i++, s.appId());
            if (s.kind() != null) {
                ps.setString(i++, s.kind());
            }
            ps.setString(i, s.value());
            return ps.executeUpdate();
        });
    }
}
