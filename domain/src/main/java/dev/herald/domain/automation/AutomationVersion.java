package dev.herald.domain.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One published, immutable definition of an automation, as written (JSON). */
public record AutomationVersion(UUID id, UUID automationId, int version, Map<String, Object> definition, List<String> listensTo,
                                Instant createdAt) {

    /** The parsed definition; stored versions were valid when published. */
    public Definition parsed() {
        return DefinitionParser.parse(definition).definition();
    }
}
