package dev.parley.push.registry;

/**
 * This node found its registry entry gone after it had written it: its peers took it for dead (it paused
 * past the node expiry) or Redis lost its data, so its users' entries may be gone and pushes meant for them
 * were not routed here meanwhile. The socket layer answers by asking every socket to reconnect.
 */
public record RegistrationLost(String nodeId) {
}
