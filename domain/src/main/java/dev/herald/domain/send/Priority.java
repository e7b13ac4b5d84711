package dev.herald.domain.send;

/** Delivery urgency: HIGH is immediate (APNs 10), NORMAL lets the device save power (APNs 5). */
public enum Priority {
    HIGH,
    NORMAL
}
