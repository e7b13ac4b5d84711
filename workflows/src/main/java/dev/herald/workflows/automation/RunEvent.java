package dev.herald.workflows.automation;

import java.util.Map;

/** An event as a run sees it: the one that started it, or one signalled to it later. */
public record RunEvent(String id, String name, Map<String, Object> properties, long occurredAtMillis) {
}
