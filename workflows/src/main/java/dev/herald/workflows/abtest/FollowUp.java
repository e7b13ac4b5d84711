package dev.herald.workflows.abtest;

import java.util.UUID;

/** The send that gives the held-back users their variant: its id, how many users it targets, and its summary. */
public record FollowUp(UUID sendId, int users, String summary) {
}
