package dev.herald.domain.geofence;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which fences a client should arm near a position: the platforms monitor only so many regions
 * at once (iOS 20, Android 100), so the highest priorities win and, among equals, the nearest.
 */
public final class GeofenceSelection {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** Client platforms that monitor regions, with how many each can monitor. */
    public enum Platform {
        IOS(20), ANDROID(100);

        private final int maxRegions;

        Platform(int maxRegions) {
            this.maxRegions = maxRegions;
        }

        public int maxRegions() {
            return maxRegions;
        }

        public static Optional<Platform> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** A fence and how far its centre is from the position. */
    public record Nearby(Geofence fence, double distanceMeters) {
    }

    private GeofenceSelection() {
    }

    /** Enabled fences within {@code withinMeters} of the position, at most the platform's cap, by priority then distance. */
    public static List<Nearby> select(List<Geofence> candidates, double latitude, double longitude, Platform platform, double withinMeters) {
        return candidates.stream()
                .filter(Geofence::enabled)
                .map(f -> new Nearby(f, distanceMeters(latitude, longitude, f.latitude(), f.longitude())))
                .filter(n -> n.distanceMeters() <= withinMeters)
                .sorted(Comparator.comparingInt((Nearby n) -> -n.fence().priority())
                        .thenComparingDouble(Nearby::distanceMeters)
                        .thenComparing(n -> n.fence().id()))
                .limit(platform.maxRegions())
                .toList();
    }

    /** Great-circle distance (haversine). */
    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
