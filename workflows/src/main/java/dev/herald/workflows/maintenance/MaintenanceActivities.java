package dev.herald.workflows.maintenance;

import io.temporal.activity.ActivityInterface;

import java.time.Instant;

/** Housekeeping in the database. */
@ActivityInterface
public interface MaintenanceActivities {

    /** Deletes up to {@code limit} devices disabled before {@code cutoff}; returns how many it deleted. */
    int deleteDisabledDevices(Instant cutoff, int limit);
}
