package dev.parley.push.frames;

import static dev.parley.push.frames.FrameReader.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ChatException;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.RateLimited;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.AddMembers;
import dev.parley.kernel.conversation.ConversationRules;
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
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.query.ConversationsOf;
import dev.parley.kernel.query.MessagesOf;
import dev.parley.platform.logging.FaultLog;
import dev.parley.platform.outage.ServerOutages;
import dev.parley.push.PushProperties;
import dev.parley.push.typing.TypingRelay;
import dev.parley.readmodel.conversation.ConversationReads;
import dev.parley.transport.OverloadReport;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Answers each client frame: an {@code ack} echoing the frame's {@code id} with the result, or an
 * {@code error} with the protocol's code. Writes go to the command side over Kafka and are answered when
 * its reply comes; reads run on a bounded pool of their own, so that neither blocks the thread reading
 * the socket.
 */
@Component
public class ClientFrames {

    private final FaultLog faults = new FaultLog(ClientFrames.class);
    /** Reads waiting for a thread; past this a read is answered {@code UNAVAILABLE} at once. */
    private static final int READ_QUEUE = 2_000;

    private final ObjectMapper json;
    private final FrameReader reader;
    private final CommandsInFlight commands;
    private final ConversationReads reads;
    private final TypingRelay typing;
    private final FrameRateLimits limits;
    private final ThreadPoolExecutor readers;
    private final OverloadReport overload;
    /** Signs the media URLs of what {@code conversations} and {@code history} answer, as they are served. */
    private final MediaUrls mediaUrls;

    ClientFrames(ObjectMapper json, CommandsInFlight commands, ConversationReads reads, TypingRelay typing,
                 FrameRateLimits limits, OverloadReport overload, PushProperties properties, MediaUrls mediaUrls) {
        this.json = json;
        this.mediaUrls = mediaUrls;
        this.reader = new FrameReader(json);
        this.overload = overload;
        this.commands = commands;
        this.reads = reads;
        this.typing = typing;
        this.limits = limits;
        this.readers = new ThreadPoolExecutor(properties.readThreads(), properties.readThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(READ_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "parley-ws-reads");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Answers one text frame from {@code client}. */
    public void handle(Client client, String text) {
        FrameReader.Result result = reader.read(text);
        // The socket's allowance is taken for every frame, malformed or not, before any answer: a client
        // sending junk is slowed like any other (the frame is read first only to echo its id).
        long waitNanos = client.takeFrame();
        if (waitNanos > 0) {
            String id = result instanceof FrameReader.Read read ? read.frame().id() : ((FrameReader.Unreadable) result).id();
            reply(client, ServerReply.Error.of(id, new RateLimited("too many frames: slow down", Duration.ofNanos(waitNanos))));
            return;
        }
        if (result instanceof FrameReader.Unreadable unreadable) {
            reply(client, new ServerReply.Error(unreadable.id(), ErrorCode.BAD_REQUEST, unreadable.reason()));
            return;
        }
        ClientFrame frame = ((FrameReader.Read) result).frame();
        CompletableFuture<?> answer;
        try {
            limits.take(client.user(), frame);
            answer = answer(client.user(), frame);
        } catch (ChatException refused) {
            reply(client, ServerReply.Error.of(frame.id(), refused));
            return;
        } catch (RuntimeException failed) {
            // The rate limit, typing or a send that Redis or Kafka could not take: answered, never thrown
            // through the socket's handler, which would close the socket with 1011.
            reply(client, failed(frame, failed));
            return;
        }
        answer.whenComplete((value, failure) -> {
            if (failure == null) {
                reply(client, new ServerReply.Ack(frame.id(), value));
                return;
            }
            ChatException refused = ExceptionUtils.throwableOfType(failure, ChatException.class);
            reply(client, refused != null ? ServerReply.Error.of(frame.id(), refused) : failed(frame, failure));
        });
    }

    /**
     * A frame that failed on no rule of the chat's: {@code UNAVAILABLE} when a server could not be reached in
     * time (the same frame succeeds once it is back, and a command so answered was not stored: its retry with
     * the same keys is safe), else {@code INTERNAL}. Either is counted, never logged per frame.
     */
    private ServerReply failed(ClientFrame frame, Throwable failure) {
        String what = "a " + frame.getClass().getSimpleName() + " frame";
        if (ServerOutages.isOutage(failure)) {
            faults.unexpected(what + " found a server unreachable", failure);
            return new ServerReply.Error(frame.id(), ErrorCode.UNAVAILABLE,
                    "a server Parley needs is unavailable; retry after a moment (with the same clientMsgId or conversationId)");
        }
        faults.unexpected(what + " failed", failure);
        return new ServerReply.Error(frame.id(), ErrorCode.INTERNAL, "the request failed");
    }

    /** The frame's result: what its ack carries beside the id (null for nothing). */
    private CompletableFuture<?> answer(UserId me, ClientFrame frame) {
        if (frame instanceof ClientFrame.Send send) {
            SendMessage command = new SendMessage(conversation(send.conversationId()), me, send.clientMsgId(),
                    send.text(), send.mediaId() == null ? null : new MediaId(send.mediaId()));
            return commands.send(command, MessageAccepted.class);
        }
        if (frame instanceof ClientFrame.MarkDelivered mark) {
            return commands.send(new MarkDelivered(conversation(mark.conversationId()), me,
                    required(mark.seq(), "seq", "an integer")), Watermark.class);
        }
        if (frame instanceof ClientFrame.MarkRead mark) {
            return commands.send(new MarkRead(conversation(mark.conversationId()), me,
                    required(mark.seq(), "seq", "an integer")), Watermark.class);
        }
        if (frame instanceof ClientFrame.Typing typingFrame) {
            typing.typing(me, conversation(typingFrame.conversationId()),
                    required(typingFrame.active(), "active", "true or false"));
            return CompletableFuture.completedFuture(null);
        }
        if (frame instanceof ClientFrame.OpenDirect open) {
            return commands.send(OpenDirect.between(me, user(open.userId(), "userId")), ConversationId.class)
                    .thenApply(ServerReply.Conversation::new);
        }
        if (frame instanceof ClientFrame.CreateGroup create) {
            // The client may choose the id, so that its retry after a timeout names the same group.
            ConversationId group = create.conversationId() == null ? ConversationId.newGroup()
                    : new ConversationId(create.conversationId());
            return commands.send(new CreateGroup(group, me, required(create.title(), "title", "a string"),
                    users(create.memberIds(), "memberIds")), ConversationId.class).thenApply(ServerReply.Conversation::new);
        }
        if (frame instanceof ClientFrame.AddMembers add) {
            return commands.send(new AddMembers(conversation(add.conversationId()), me, users(add.userIds(), "userIds")),
                    Void.class);
        }
        if (frame instanceof ClientFrame.RemoveMember remove) {
            return commands.send(new RemoveMember(conversation(remove.conversationId()), me,
                    user(remove.userId(), "userId")), Void.class);
        }
        if (frame instanceof ClientFrame.LeaveGroup leave) {
            return commands.send(new LeaveGroup(conversation(leave.conversationId()), me), Void.class);
        }
        if (frame instanceof ClientFrame.RenameGroup rename) {
            return commands.send(new RenameGroup(conversation(rename.conversationId()), me,
                    required(rename.title(), "title", "a string")), Void.class);
        }
        if (frame instanceof ClientFrame.Conversations) {
            return read(() -> new ServerReply.Conversations(reads.conversations(new ConversationsOf(me)).stream()
                    .map(summary -> summary.signed(mediaUrls)).toList()));
        }
        if (frame instanceof ClientFrame.History history) {
            int limit = history.limit() == null ? MessagesOf.DEFAULT_LIMIT
                    : (int) Math.max(0, Math.min(history.limit(), Integer.MAX_VALUE));
            MessagesOf query = new MessagesOf(conversation(history.conversationId()), me, history.afterSeq(),
                    history.beforeSeq(), limit);
            return read(() -> new ServerReply.History(reads.messages(query).stream()
                    .map(message -> message.signed(mediaUrls)).toList()));
        }
        if (frame instanceof ClientFrame.Ping) {
            return CompletableFuture.completedFuture(null);
        }
        throw new IllegalStateException("a frame type with no answer: " + frame.getClass().getName());
    }

    /** Runs a read on the read pool; {@code UNAVAILABLE} when that pool is full. */
    private <T> CompletableFuture<T> read(Supplier<T> reading) {
        try {
            return CompletableFuture.supplyAsync(reading, readers);
        } catch (RejectedExecutionException full) {
            overload.count(OverloadReport.Shed.READS_FULL);
            return CompletableFuture.failedFuture(new Refused(ErrorCode.UNAVAILABLE, "too many reads in progress; retry"));
        }
    }

    private void reply(Client client, ServerReply reply) {
        try {
            client.send(json.writeValueAsString(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply that cannot be written as JSON", e);
        }
    }

    private static ConversationId conversation(String id) {
        return new ConversationId(required(id, "conversationId", "a string"));
    }

    private static UserId user(String id, String field) {
        return new UserId(required(id, field, "a string"));
    }

    /** User ids, at most {@link ConversationRules#MAX_USERS_PER_COMMAND}; absent reads as none. */
    private static Set<UserId> users(List<String> ids, String field) {
        if (ids == null) {
            return Set.of();
        }
        if (ids.size() > ConversationRules.MAX_USERS_PER_COMMAND) {
            throw new InvalidInput(field + " may name at most " + ConversationRules.MAX_USERS_PER_COMMAND + " users");
        }
        Set<UserId> users = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null) {
                throw new InvalidInput(field + " must hold strings");
            }
            users.add(new UserId(id));
        }
        return users;
    }
}
