package dev.herald.workflows.event;

import java.util.List;

/**
 * What a dispatch did: the runs it signalled, and per triggered automation the run it started
 * (or the entry rule that kept the user out).
 */
public record DispatchResult(List<Long> signalledRunIds, List<EntryOutcome> entries) {
}
