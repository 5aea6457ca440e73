package dev.parley.readmodel.media;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who may fetch a media object: its uploader; the current members of a conversation it was sent to; and,
 * while it is someone's avatar, anyone signed in (avatars are shown beside every profile). A member removed
 * from a conversation, or who left it, no longer fetches its media: access follows membership as reading
 * the conversation does, and the URLs already handed out expire within their time. Anyone else learns
 * nothing, not even that the object exists: {@link #servable} answers empty as for an unknown id.
 *
 * <p>Lookups, never scans: the object's row, the conversations it was sent to (one partition), the
 * requester's membership of each and the owner's current avatar, read side by side.
 */
public final class MediaAccess {

    private final CqlSession cassandra;
    private final PreparedStatement media;
    private final PreparedStatement conversationsOfMedia;
    private final PreparedStatement member;
    private final PreparedStatement avatar;

    public MediaAccess(CqlSession cassandra) {
        this.cassandra = cassandra;
        media = cassandra.prepare("SELECT * FROM media WHERE media_id = ?");
        conversationsOfMedia = cassandra.prepare("SELECT conversation_id FROM media_conversations WHERE media_id = ?");
        member = cassandra.prepare("SELECT user_id FROM members_by_conversation WHERE conversation_id = ? AND user_id = ?");
        avatar = cassandra.prepare("SELECT avatar_media_id FROM users WHERE user_id = ?");
    }

    /** The object if {@code requester} may fetch it; empty when it is unknown or theirs to see it is not. */
    public Optional<StoredMedia> servable(MediaId id, UserId requester) {
        CompletableFuture<AsyncResultSet> sentTo = cassandra.executeAsync(conversationsOfMedia.bind(id.value()))
                .toCompletableFuture();
        Row row = cassandra.execute(media.bind(id.value())).one();
        if (row == null) {
            return Optional.empty();
        }
        StoredMedia stored = StoredMedia.of(row);
        if (stored.ownerId().equals(requester) || isAvatarOfOwner(stored)) {
            return Optional.of(stored);
        }
        return memberOfAny(sentTo.join(), requester) ? Optional.of(stored) : Optional.empty();
    }

    private boolean isAvatarOfOwner(StoredMedia stored) {
        Row owner = cassandra.execute(avatar.bind(stored.ownerId().value())).one();
        return owner != null && stored.mediaId().value().equals(owner.getString("avatar_media_id"));
    }

    /** Whether the requester is a member of any conversation on the (first) page; lookups side by side. */
    private boolean memberOfAny(AsyncResultSet conversations, UserId requester) {
        List<CompletableFuture<AsyncResultSet>> lookups = new ArrayList<>();
        for (Row conversation : conversations.currentPage()) {
            lookups.add(cassandra.executeAsync(member.bind(conversation.getString("conversation_id"), requester.value()))
                    .toCompletableFuture());
        }
        // A media object is sent by its uploader alone, so it is in few conversations: the driver's first page
        // (5,000 rows) holds them all in practice.
        return lookups.stream().anyMatch(lookup -> lookup.join().one() != null);
    }
}
