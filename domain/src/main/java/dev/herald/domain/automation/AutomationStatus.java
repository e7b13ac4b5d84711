package dev.herald.domain.automation;

/** Active automations start runs; paused and archived ones start none, while runs under way go on. */
public enum AutomationStatus {
    ACTIVE, PAUSED, ARCHIVED
}
