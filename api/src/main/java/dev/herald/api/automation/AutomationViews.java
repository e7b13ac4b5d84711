package dev.herald.api.automation;

import dev.herald.domain.automation.Automation;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationVersion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class AutomationViews {

    private AutomationViews() {
    }

    /** An automation with its current definition; {@code trigger} is the event name, or {@code manual}. */
    @Serdeable
    public record AutomationView(String key, String name, String status, int version, String trigger,
                                 Map<String, Object> definition, Instant createdAt, Instant updatedAt) {
        static AutomationView of(Automation a, AutomationVersion current) {
            return new AutomationView(a.key(), a.name(), a.status().name().toLowerCase(Locale.ROOT), a.currentVersion(),
                    a.triggerEvent() == null ? "manual" : a.triggerEvent(), current.definition(), a.createdAt(), a.updatedAt());
        }
    }

    @Serdeable
    public record VersionView(int version, boolean current, List<String> listensTo, Map<String, Object> definition, Instant createdAt) {
        static VersionView of(AutomationVersion v, Automation a) {
            return new VersionView(v.version(), v.version() == a.currentVersion(), v.listensTo(), v.definition(), v.createdAt());
        }
    }

    /** A run: where it stands, its Temporal run, and for a failed run {@code failureReason}: the step and what went wrong. */
    @Serdeable
    public record RunView(String id, String automation, int version, String userId, String status, @Nullable String currentStep,
                          @Nullable String trigger, Map<String, Object> payload, Instant startedAt, Instant updatedAt,
                          @Nullable Instant finishedAt, String workflowId, @Nullable String temporalUrl, @Nullable String failureReason) {
        static RunView of(AutomationRun r, @Nullable String temporalUrl) {
            return new RunView(String.valueOf(r.id()), r.automationKey(), r.version(), r.externalUserId(),
                    r.status().name().toLowerCase(Locale.ROOT), r.currentStep(), r.triggerEvent(), r.payload(), r.startedAt(),
                    r.updatedAt(), r.finishedAt(), r.workflowId(), temporalUrl, r.failureReason());
        }
    }
}
