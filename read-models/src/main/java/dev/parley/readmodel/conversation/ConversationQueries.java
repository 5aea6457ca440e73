package dev.parley.readmodel.conversation;

import dev.parley.kernel.query.AdminMessagesOf;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.kernel.query.ConversationDetail;
import dev.parley.kernel.query.ConversationOf;
import dev.parley.kernel.query.ConversationSummary;
import dev.parley.kernel.query.ConversationsOf;
import dev.parley.kernel.query.MessagesOf;
import dev.parley.readmodel.conversation.ConversationReads;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;

/** Answers the conversation queries on the query bus from the Cassandra read models. */
public class ConversationQueries {

    private final ConversationReads reads;

    ConversationQueries(ConversationReads reads) {
        this.reads = reads;
    }

    @QueryHandler
    List<ConversationSummary> conversations(ConversationsOf query) {
        return reads.conversations(query);
    }

    @QueryHandler
    List<ChatMessage> messages(MessagesOf query) {
        return reads.messages(query);
    }

    @QueryHandler
    List<ChatMessage> messages(AdminMessagesOf query) {
        return reads.messages(query);
    }

    @QueryHandler
    ConversationDetail detail(ConversationOf query) {
        return reads.detail(query);
    }
}
