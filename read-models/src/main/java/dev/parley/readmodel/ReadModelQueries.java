package dev.parley.readmodel;

import dev.parley.readmodel.conversation.ConversationListingQueries;
import dev.parley.readmodel.conversation.ConversationQueries;
import dev.parley.readmodel.paging.PageTokens;
import dev.parley.readmodel.user.UserQueries;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The query handlers that answer from the read models: what the query side runs (and the standalone with it). */
@Configuration(proxyBeanMethods = false)
@Import({ConversationQueries.class, ConversationListingQueries.class, UserQueries.class, PageTokens.class})
public class ReadModelQueries {
}
