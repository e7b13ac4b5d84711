package dev.herald.domain.policy;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.template.MessageContent;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sends' plans, and the users an auto-promoted A/B send held back for its winner. */
@Singleton
@Transactional
public class SendPlanStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public SendPlanStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(SendPlan plan) {
        jdbc.prepareStatement("""
                insert into send_policies (send_id, transactional, message, variables, template_id, ab_test_id, variants, forced_variant,
                                           sample_percent, event)
                values (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?::jsonb)
                on conflict (send_id) do nothing
                """, ps -> {
            ps.setObject(1, plan.sendId());
            ps.setBoolean(2, plan.transactional());
            ps.setString(3, json.write(plan.message()));
            ps.setString(4, json.write(plan.variables()));
            ps.setObject(5, plan.templateId());
            ps.setObject(6, plan.abTestId());
            ps.setString(7, plan.variants().isEmpty() ? null : json.write(plan.variants()));
            ps.setString(8, plan.forcedVariant());
            ps.setObject(9, plan.samplePercent());
            ps.setString(10, json.write(plan.event()));
            return ps.executeUpdate();
        });
    }

    public Optional<SendPlan> find(UUID sendId) {
        return jdbc.prepareStatement("select * from send_policies where send_id = ?", ps -> {
            ps.setObject(1, sendId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String variants = rs.getString("variants");
                return Optional.of(new SendPlan(sendId, rs.getBoolean("transactional"),
                        json.read(rs.getString("message"), Argument.of(MessageContent.class)),
                        json.readObject(rs.getString("variables")),
                        rs.getObject("template_id", UUID.class), rs.getObject("ab_test_id", UUID.class),
                        variants == null ? List.of() : json.read(variants, Argument.listOf(SendPlan.Variant.class)),
                        rs.getString("forced_variant"), rs.getObject("sample_percent", Integer.class),
                        json.readObject(rs.getString("event"))));
            }
        });
    }

    /** Records that a send is the follow-up of an auto-promoted sample: one follow-up per sample. */
    public void markFollowUp(UUID followUpSendId, UUID sampleSendId) {
        jdbc.prepareStatement("update send_policies set follow_up_of = ? where send_id = ?", ps -> {
            ps.setObject(1, sampleSendId);
            ps.setObject(2, followUpSendId);
            return ps.executeUpdate();
        });
    }

    /** The follow-up send of a sample, once made. */
    public Optional<UUID> followUpOf(UUID sampleSendId) {
        return jdbc.prepareStatement("select send_id from send_policies where follow_up_of = ?", ps -> {
            ps.setObject(1, sampleSendId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    /**
     * The customer ids of the users a sampling send held back for its winner: its ledger rows
     * suppressed with reason {@code ab_holdout}.
     */
    public List<String> heldBack(UUID sendId) {
        return jdbc.prepareStatement("""
                select distinct u.external_id from deliveries d join users u on u.id = d.user_id
                where d.send_id = ? and d.status = 'SUPPRESSED' and d.reason = ?
                order by u.external_id
                """, ps -> {
            ps.setObject(1, sendId);
            ps.setString(2, SendPlan.HOLDOUT);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new java.util.ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        });
    }
}
