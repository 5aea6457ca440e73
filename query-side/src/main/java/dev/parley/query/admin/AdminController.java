package dev.parley.query.admin;

import static dev.parley.query.QueryAnswers.answer;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.AdminMessagesOf;
import dev.parley.kernel.query.AllUsers;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.kernel.query.ConversationDetail;
import dev.parley.kernel.query.ConversationOf;
import dev.parley.kernel.query.ConversationsPage;
import dev.parley.kernel.query.ListConversations;
import dev.parley.kernel.query.MessagesOf;
import dev.parley.kernel.query.UserProfile;
import dev.parley.kernel.query.UsersByPrefix;
import dev.parley.kernel.query.UsersPage;
import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.platform.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin routes over the read models (the platform's security lets only the admin role reach {@code /admin}). */
@RestController
class AdminController {

    private final QueryGateway queries;
    private final StringRedisTemplate redis;

    AdminController(QueryGateway queries, StringRedisTemplate redis) {
        this.queries = queries;
        this.redis = redis;
    }

    /** A user as admins see them: profile, account status, and presence from the presence read model. */
    record AdminUser(UserId userId, String username, String displayName, String avatarMediaId, Instant createdAt,
                     Instant updatedAt, String status, boolean online, Instant lastSeen) {
    }

    /** Matching users by username prefix, or every user a page at a time without a query. */
    @GetMapping("/admin/users")
    @LimitedRoute("admin-reads")
    Map<String, Object> users(@RequestParam(name = "query", required = false) String query,
                              @RequestParam(name = "limit", defaultValue = "" + UsersByPrefix.DEFAULT_LIMIT) int limit,
                              @RequestParam(name = "pageToken", required = false) String pageToken) {
        if (query != null) {
            List<UserProfile> found = answer(queries.query(new UsersByPrefix(query, limit),
                    ResponseTypes.multipleInstancesOf(UserProfile.class)));
            return Map.of("users", withPresence(found));
        }
        UsersPage page = answer(queries.query(new AllUsers(limit, pageToken), UsersPage.class));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", withPresence(page.users()));
        answer.put("nextPageToken", page.nextPageToken());
        return answer;
    }

    @GetMapping("/admin/conversations")
    @LimitedRoute("admin-reads")
    ConversationsPage conversations(@RequestParam(name = "member", required = false) String member,
                                    @RequestParam(name = "kind", required = false) String kind,
                                    @RequestParam(name = "limit", defaultValue = "" + ListConversations.DEFAULT_LIMIT) int limit,
                                    @RequestParam(name = "pageToken", required = false) String pageToken) {
        ListConversations query = new ListConversations(member == null ? null : new UserId(member), kind, limit, pageToken);
        return answer(queries.query(query, ConversationsPage.class));
    }

    @GetMapping("/admin/conversations/{id}")
    @LimitedRoute("admin-reads")
    ConversationDetail conversation(@PathVariable("id") String id) {
        return answer(queries.query(new ConversationOf(new ConversationId(id)), ConversationDetail.class));
    }

    @GetMapping("/admin/conversations/{id}/messages")
    @LimitedRoute("admin-reads")
    Map<String, List<ChatMessage>> messages(@PathVariable("id") String id,
                                            @RequestParam(name = "afterSeq", defaultValue = "0") long afterSeq,
                                            @RequestParam(name = "limit", defaultValue = "" + MessagesOf.DEFAULT_LIMIT) int limit) {
        return Map.of("messages", answer(queries.query(new AdminMessagesOf(new ConversationId(id), afterSeq, limit),
                ResponseTypes.multipleInstancesOf(ChatMessage.class))));
    }

    /** Every user of a page with their presence, read from Redis in one round trip. */
    private List<AdminUser> withPresence(List<UserProfile> users) {
        List<Object> presence = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (UserProfile user : users) {
                connection.hashCommands().hMGet(bytes(RedisKeys.presence(user.userId())), bytes("online"), bytes("lastSeen"));
            }
            return null;
        });
        List<AdminUser> answer = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            UserProfile user = users.get(i);
            @SuppressWarnings("unchecked")
            List<Object> fields = (List<Object>) presence.get(i);
            boolean online = "1".equals(fields.get(0));
            Instant lastSeen = fields.get(1) == null ? null : Instant.ofEpochMilli(Long.parseLong(fields.get(1).toString()));
            answer.add(new AdminUser(user.userId(), user.username(), user.displayName(),
                    user.avatarMediaId() == null ? null : user.avatarMediaId().value(), user.createdAt(), user.updatedAt(),
                    "active", online, lastSeen));
        }
        return answer;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
