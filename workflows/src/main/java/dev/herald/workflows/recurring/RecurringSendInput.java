package dev.herald.workflows.recurring;

import java.util.UUID;

public record RecurringSendInput(UUID recurringSendId) {
}
