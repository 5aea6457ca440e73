package dev.parley.query.conversation;

import static dev.parley.query.QueryAnswers.answer;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
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

/** The signed-in user's conversations and their messages (members only), over the query bus. */
@RestController
class ConversationsController {

    private final QueryGateway queries;

    ConversationsController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/conversations")
    @LimitedRoute("conversation-reads")
    Map<String, List<ConversationSummary>> conversations(@AuthenticationPrincipal Jwt token) {
        return Map.of("conversations", answer(queries.query(new ConversationsOf(new UserId(token.getSubject())),
                ResponseTypes.multipleInstancesOf(ConversationSummary.class))));
    }

    @GetMapping("/api/conversations/{id}/messages")
    @LimitedRoute("message-reads")
    Map<String, List<ChatMessage>> messages(@AuthenticationPrincipal Jwt token, @PathVariable("id") String id,
                                            @RequestParam(name = "afterSeq", required = false) Long afterSeq,
                                            @RequestParam(name = "beforeSeq", required = false) Long beforeSeq,
                                            @RequestParam(name = "limit", defaultValue = "" + MessagesOf.DEFAULT_LIMIT) int limit) {
        MessagesOf query = new MessagesOf(new ConversationId(id), new UserId(token.getSubject()), afterSeq, beforeSeq, limit);
        return Map.of("messages", answer(queries.query(query, ResponseTypes.multipleInstancesOf(ChatMessage.class))));
    }
}
