package dev.herald.workflows.send;

/** A started send: how many devices it targets, and its pace (devices per second) if it has one. */
public record SendStart(long targetedDevices, Integer ratePerSecond) {
}
