package dev.herald.workflows.automation;

import java.util.List;

/** How a run ended, the steps it went through and the sends it made. */
public record RunResult(String status, List<String> path, List<String> sendIds) {
}
