package dev.herald.workflows.recurring;

import java.util.UUID;

/** The send a firing made, with what its workflow needs to be found in the Temporal UI. */
public record FiredSend(UUID sendId, UUID orgId, String summary) {
}
