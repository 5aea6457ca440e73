package dev.parley.readmodel;

import dev.parley.readmodel.cassandra.PendingWrites;
import dev.parley.readmodel.consent.ConsentProjection;
import dev.parley.readmodel.conversation.ConversationProjection;
import dev.parley.readmodel.media.MediaProjection;
import dev.parley.readmodel.membership.MembershipProjection;
import dev.parley.readmodel.presence.PresenceProjection;
import dev.parley.readmodel.user.UserProjection;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The projections that write the read models: what the projections service runs (and the standalone with it). */
@Configuration(proxyBeanMethods = false)
@Import({ConversationProjection.class, MembershipProjection.class, PresenceProjection.class, UserProjection.class,
        ConsentProjection.class, MediaProjection.class,
        PendingWrites.class})
public class ReadModelProjections {
}
