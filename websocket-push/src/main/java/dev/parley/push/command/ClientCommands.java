package dev.parley.push.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ChatException;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.AddMembers;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.LeaveGroup;
import dev.parley.kernel.conversation.MarkDelivered;
import dev.parley.kernel.conversation.MarkRead;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.RemoveMember;
import dev.parley.kernel.conversation.RenameGroup;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.conversation.Watermark;
import dev.parley.kernel.query.ConversationsOf;
import dev.parley.kernel.query.MessagesOf;
import dev.parley.platform.commands.OverloadReport;
import dev.parley.push.PushProperties;
import dev.parley.push.socket.ClientSocket;
import dev.parley.push.typing.TypingRelay;
import dev.parley.reads.ConversationReads;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns each client frame into its command or read and answers it: an {@code ack} echoing the frame's
 * {@code id} with the result, or an {@code error} with the protocol's code. Writes go to the command side
 * over Kafka and are answered when its reply comes; reads run on a bounded pool of their own, so that
 * neither blocks the thread reading the socket.
 */
@Component
public class ClientCommands {

    private static final Logger log = LoggerFactory.getLogger(ClientCommands.class);
    static final int MAX_ID_CHARS = 64;
    /** Reads waiting for a thread; past this a read is answered {@code UNAVAILABLE} at once. */
    private static final int READ_QUEUE = 2_000;

    private final ObjectMapper json;
    private final CommandsInFlight commands;
    private final ConversationReads reads;
    private final TypingRelay typing;
    private final SendRateLimit sendLimit;
    private final ThreadPoolExecutor readers;
    private final OverloadReport overload;

    ClientCommands(ObjectMapper json, CommandsInFlight commands, ConversationReads reads, TypingRelay typing,
                   SendRateLimit sendLimit, OverloadReport overload, PushProperties properties) {
        this.overload = overload;
        this.json = json;
        this.commands = commands;
        this.reads = reads;
        this.typing = typing;
        this.sendLimit = sendLimit;
        this.readers = new ThreadPoolExecutor(properties.readThreads(), properties.readThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(READ_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "parley-ws-reads");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Answers one text frame from {@code socket}. */
    public void handle(ClientSocket socket, String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            error(socket, null, ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
            return;
        }
        if (frame == null || !frame.isObject()) {
            error(socket, null, ErrorCode.BAD_REQUEST, "a frame is one JSON object");
            return;
        }
        JsonNode idNode = frame.get("id");
        if (idNode != null && !idNode.isNull() && (!idNode.isTextual() || idNode.textValue().length() > MAX_ID_CHARS)) {
            error(socket, null, ErrorCode.BAD_REQUEST, "id must be a string of at most " + MAX_ID_CHARS + " characters");
            return;
        }
        String id = idNode == null || idNode.isNull() ? null : idNode.textValue();
        if (!socket.takeFrame()) {
            error(socket, id, ErrorCode.RATE_LIMITED, "too many frames: slow down");
            return;
        }
        CompletableFuture<Map<String, Object>> answer;
        try {
            answer = answer(socket.user(), frame.path("type").asText(""), new FrameFields(frame));
        } catch (ChatException refused) {
            error(socket, id, refused.code(), refused.getMessage());
            return;
        }
        answer.whenComplete((fields, failure) -> {
            if (failure == null) {
                ack(socket, id, fields);
            } else {
                ChatException refused = ExceptionUtils.throwableOfType(failure, ChatException.class);
                if (refused != null) {
                    error(socket, id, refused.code(), refused.getMessage());
                } else {
                    log.warn("a {} frame failed", frame.path("type").asText(), failure);
                    error(socket, id, ErrorCode.INTERNAL, "the request failed");
                }
            }
        });
    }

    private CompletableFuture<Map<String, Object>> answer(UserId me, String type, FrameFields fields) {
        return switch (type) {
            case "send" -> {
                SendMessage send = new SendMessage(fields.conversationId(), me, fields.optionalText("clientMsgId"),
                        fields.optionalText("text"), mediaId(fields.optionalText("mediaId")));
                sendLimit.count(me);
                yield commands.send(send, MessageAccepted.class).thenApply(accepted -> fields(
                        "conversationId", accepted.conversationId(), "messageId", accepted.messageId(),
                        "seq", accepted.seq(), "sentAt", accepted.sentAt()));
            }
            case "markDelivered" -> commands.send(new MarkDelivered(fields.conversationId(), me, fields.number("seq")),
                    Watermark.class).thenApply(ClientCommands::watermark);
            case "markRead" -> commands.send(new MarkRead(fields.conversationId(), me, fields.number("seq")),
                    Watermark.class).thenApply(ClientCommands::watermark);
            case "typing" -> {
                typing.typing(me, fields.conversationId(), fields.flag("active"));
                yield CompletableFuture.completedFuture(Map.of());
            }
            case "openDirect" -> commands.send(OpenDirect.between(me, fields.userId("userId")), ConversationId.class)
                    .thenApply(conversation -> fields("conversationId", conversation));
            case "createGroup" -> {
                // The client may choose the id, so that its retry after a timeout names the same group.
                String chosen = fields.optionalText("conversationId");
                ConversationId group = chosen == null ? ConversationId.newGroup() : new ConversationId(chosen);
                yield commands.send(new CreateGroup(group, me, fields.text("title"), fields.userIds("memberIds")),
                        ConversationId.class).thenApply(conversation -> fields("conversationId", conversation));
            }
            case "addMembers" -> nothingMore(commands.send(new AddMembers(fields.conversationId(), me,
                    fields.userIds("userIds")), Void.class));
            case "removeMember" -> nothingMore(commands.send(new RemoveMember(fields.conversationId(), me,
                    fields.userId("userId")), Void.class));
            case "leaveGroup" -> nothingMore(commands.send(new LeaveGroup(fields.conversationId(), me), Void.class));
            case "renameGroup" -> nothingMore(commands.send(new RenameGroup(fields.conversationId(), me,
                    fields.text("title")), Void.class));
            case "conversations" -> read(() -> fields("conversations", reads.conversations(new ConversationsOf(me))));
            case "history" -> {
                Long limit = fields.optionalNumber("limit");
                MessagesOf query = new MessagesOf(fields.conversationId(), me, fields.optionalNumber("afterSeq"),
                        fields.optionalNumber("beforeSeq"), limit == null ? MessagesOf.DEFAULT_LIMIT : (int) Math.max(0, Math.min(limit, Integer.MAX_VALUE)));
                yield read(() -> fields("messages", reads.messages(query)));
            }
            case "ping" -> CompletableFuture.completedFuture(Map.of());
            case "" -> throw new InvalidInput("type is required");
            default -> throw new InvalidInput("unknown type '" + abbreviate(type) + "'");
        };
    }

    /** Runs a read on the read pool; {@code UNAVAILABLE} when that pool is full. */
    private CompletableFuture<Map<String, Object>> read(Supplier<Map<String, Object>> reading) {
        try {
            return CompletableFuture.supplyAsync(reading, readers);
        } catch (RejectedExecutionException full) {
            overload.count(OverloadReport.Shed.READS_FULL);
            return CompletableFuture.failedFuture(new Refused(ErrorCode.UNAVAILABLE, "too many reads in progress; retry"));
        }
    }

    private void ack(ClientSocket socket, String id, Map<String, Object> fields) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "ack");
        ack.put("id", id);
        ack.putAll(fields);
        write(socket, ack);
    }

    private void error(ClientSocket socket, String id, ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("id", id);
        error.put("code", code.name());
        error.put("message", message);
        write(socket, error);
    }

    private void write(ClientSocket socket, Map<String, Object> frame) {
        try {
            socket.send(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply that cannot be written as JSON", e);
        }
    }

    private static MediaId mediaId(String value) {
        return value == null ? null : new MediaId(value);
    }

    private static Map<String, Object> watermark(Watermark watermark) {
        return fields("conversationId", watermark.conversationId(), "seq", watermark.seq());
    }

    private static CompletableFuture<Map<String, Object>> nothingMore(CompletableFuture<Void> done) {
        return done.thenApply(nothing -> Map.of());
    }

    /** Field names and values, alternating, in order. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String abbreviate(String type) {
        return type.length() <= MAX_ID_CHARS ? type : type.substring(0, MAX_ID_CHARS) + "...";
    }
}
