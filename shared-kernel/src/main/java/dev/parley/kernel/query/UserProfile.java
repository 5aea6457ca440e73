package dev.parley.kernel.query;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A user's profile as the read model holds it; each route shows the part its caller may see. */
public record UserProfile(UserId userId, String username, String displayName, MediaId avatarMediaId,
                          Instant createdAt, Instant updatedAt) {
}
