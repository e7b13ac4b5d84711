package dev.herald.activities.maintenance;

import dev.herald.domain.user.DeviceStore;
import dev.herald.workflows.maintenance.MaintenanceActivities;
import jakarta.inject.Singleton;

import java.time.Instant;

@Singleton
public class MaintenanceActivitiesImpl implements MaintenanceActivities {

    private final DeviceStore devices;

    public MaintenanceActivitiesImpl(DeviceStore devices) {
        this.devices = devices;
    }

    @Override
    public int deleteDisabledDevices(Instant cutoff, int limit) {
        return devices.deleteDisabledBefore(cutoff, limit);
    }
}
