package dev.parley.query.conversation;

import static dev.parley.query.QueryAnswers.answer;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.kernel.query.ConversationSummary;
import dev.parley.kernel.query.ConversationsOf;
import dev.parley.kernel.query.MessagesOf;
import dev.parley.platform.ratelimit.LimitedRoute;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's conversations and their messages (members only), over the query bus. Media URLs
 * are signed here, as the answer leaves: the read models hold object keys, never URLs.
 */
@RestController
class ConversationsController {

    private final QueryGateway queries;
    private final MediaUrls mediaUrls;

    ConversationsController(QueryGateway queries, MediaUrls mediaUrls) {
        this.queries = queries;
        this.mediaUrls = mediaUrls;
    }

    @GetMapping("/api/conversations")
    @LimitedRoute("conversation-reads")
    Map<String, List<ConversationSummary>> conversations(@AuthenticationPrincipal Jwt token) {
        List<ConversationSummary> summaries = answer(queries.query(new ConversationsOf(new UserId(token.getSubject())),
                ResponseTypes.multipleInstancesOf(ConversationSummary.class)));
        return Map.of("conversations", summaries.stream().map(summary -> summary.signed(mediaUrls)).toList());
    }

    @GetMapping("/api/conversations/{id}/messages")
    @LimitedRoute("message-reads")
    Map<String, List<ChatMessage>> messages(@AuthenticationPrincipal Jwt token, @PathVariable("id") String id,
                                            @RequestParam(name = "afterSeq", required = false) Long afterSeq,
                                            @RequestParam(name = "beforeSeq", required = false) Long beforeSeq,
                                            @RequestParam(name = "limit", defaultValue = "" + MessagesOf.DEFAULT_LIMIT) int limit) {
        MessagesOf query = new MessagesOf(new ConversationId(id), new UserId(token.getSubject()), afterSeq, beforeSeq, limit);
        List<ChatMessage> messages = answer(queries.query(query, ResponseTypes.multipleInstancesOf(ChatMessage.class)));
        return Map.of("messages", messages.stream().map(message -> message.signed(mediaUrls)).toList());
    }
}
