package dev.parley.faults;

import static dev.parley.faults.Progress.seconds;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The suite's users and their conversations, whatever Parley they talk to: the set-up commands, one
 * phase's traffic, and the catch-up and history reads that end a phase before it is checked.
 */
final class Chats implements AutoCloseable {

    private static final Duration PUSH_POLL = Duration.ofMillis(50);
    /** Reads that wait for the projections (histories, catch-up): short, since each phase waits on them. */
    private static final Duration CHECK_POLL = Duration.ofMillis(250);

    private final SuiteSettings settings;
    private final Progress progress;
    private final List<ChatUser> users = new ArrayList<>();
    private final Map<String, List<ChatUser>> members = new LinkedHashMap<>();
    private final Map<ChatUser, List<String>> conversationsOf = new HashMap<>();
    private final ScheduledExecutorService pushPoller;

    Chats(SuiteSettings settings, Progress progress, String pollerName) {
        this.settings = settings;
        this.progress = progress;
        this.pushPoller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, pollerName);
            thread.setDaemon(true);
            return thread;
        });
    }

    void add(ChatUser user) {
        users.add(user);
        conversationsOf.put(user, new ArrayList<>());
    }

    List<ChatUser> users() {
        return users;
    }

    /** Each conversation's members, in the order the conversations were set up. */
    Map<String, List<ChatUser>> members() {
        return members;
    }

    private void join(String conversation, List<ChatUser> conversationMembers) {
        members.put(conversation, List.copyOf(conversationMembers));
        conversationMembers.forEach(member -> conversationsOf.get(member).add(conversation));
    }

    /**
     * The settings' one-to-one pairs (users 0 and 1, 2 and 3, ...) and one group of the first users, its
     * first user the admin; {@code runId} names the group.
     */
    void setUpPairsAndGroup(String runId, Duration within) {
        for (int pair = 0; pair < settings.pairs(); pair++) {
            ChatUser a = users.get(2 * pair);
            ChatUser b = users.get(2 * pair + 1);
            String direct = setUpCommand(a, within, "openDirect", "userId", b.userId()).path("conversationId").asText();
            join(direct, List.of(a, b));
        }
        List<ChatUser> group = users.subList(0, settings.groupSize());
        String groupId = "g:" + UUID.randomUUID();
        setUpCommand(group.get(0), within, "createGroup", "conversationId", groupId, "title", "fault suite " + runId,
                "memberIds", group.subList(1, group.size()).stream().map(ChatUser::userId).toList());
        join(groupId, group);
    }

    /** A set-up command, sent again (it is idempotent) until acked within {@code within}. */
    JsonNode setUpCommand(ChatUser user, Duration within, String type, Object... namesAndValues) {
        JsonNode[] reply = new JsonNode[1];
        await().atMost(within).pollInterval(CHECK_POLL).until(() -> {
            reply[0] = user.request(type, namesAndValues);
            return reply[0] != null && "ack".equals(reply[0].path("type").asText());
        });
        return reply[0];
    }

    /** From now on, every user's pushes are taken off its socket as they come. */
    void takePushesFromNowOn() {
        pushPoller.scheduleWithFixedDelay(this::takePushes, 0, PUSH_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every user starts chatting at the settings' steady rate, each client recorded for the check. */
    Traffic startTraffic(String label) {
        return new Traffic(label);
    }

    /** The documented catch-up for every client, as a client does before it trusts what it holds. */
    void catchUpEveryone() {
        for (ChatUser user : users) {
            try {
                await().atMost(settings.recoveryTimeout()).pollInterval(CHECK_POLL).until(() -> {
                    if (user.request("ping") == null && !user.connect(Duration.ofSeconds(1))) {
                        return false;
                    }
                    return user.catchUp(false);
                });
            } catch (ConditionTimeoutException stuck) {
                progress.say("%s could not catch up within %s", user.name(), seconds(settings.recoveryTimeout()));
            }
        }
    }

    /**
     * Every member's whole history of every conversation. The read model is written after the ack, so it
     * is read again until it holds every acked message or the recovery timeout passed.
     */
    Map<String, List<JsonNode>> histories(Map<ChatUser, ClientRecord> records) {
        List<ClientRecord.Ack> acks = records.values().stream().flatMap(record -> record.acks().stream()).toList();
        Map<String, List<JsonNode>> histories = new HashMap<>();
        try {
            await().atMost(settings.recoveryTimeout()).pollInterval(CHECK_POLL).until(() -> {
                boolean complete = true;
                for (Map.Entry<String, List<ChatUser>> conversation : members.entrySet()) {
                    for (ChatUser member : conversation.getValue()) {
                        List<JsonNode> history = member.history(conversation.getKey());
                        if (history != null) {
                            histories.put(PhaseCheck.key(conversation.getKey(), member), history);
                        }
                        complete &= history != null && acks.stream()
                                .filter(ack -> ack.conversationId().equals(conversation.getKey()))
                                .allMatch(ack -> history.stream().anyMatch(message -> message.path("seq").asLong() == ack.seq()));
                    }
                }
                return complete;
            });
        } catch (ConditionTimeoutException incomplete) {
            progress.say("histories still incomplete after %s: checking what they hold", seconds(settings.recoveryTimeout()));
        }
        return histories;
    }

    private void takePushes() {
        for (ChatUser user : users) {
            try {
                user.takePushes();
            } catch (RuntimeException e) {
                progress.say("%s: could not take pushes: %s", user.name(), e);
            }
        }
    }

    @Override
    public void close() {
        pushPoller.shutdownNow();
        users.forEach(ChatUser::close);
    }

    /** One phase's chatting: every user on a thread of its own, until stopped and drained. */
    final class Traffic {

        private final Map<ChatUser, ClientRecord> records = new LinkedHashMap<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicLong drainDeadline = new AtomicLong(Long.MAX_VALUE);
        private final ExecutorService clients = Executors.newFixedThreadPool(users.size());

        private Traffic(String label) {
            for (ChatUser user : users) {
                ClientRecord record = new ClientRecord();
                records.put(user, record);
                user.recordInto(record);
            }
            for (ChatUser user : users) {
                clients.submit(() -> user.chat(conversationsOf.get(user), label, settings.sendInterval(),
                        stopping::get, drainDeadline::get));
            }
        }

        /** What each client saw and was acknowledged in this phase. */
        Map<ChatUser, ClientRecord> records() {
            return records;
        }

        /** No new sends; the unacknowledged ones go on being retried until acked or the drain timeout. */
        void stopAndDrain() throws InterruptedException {
            stopping.set(true);
            drainDeadline.set(System.nanoTime() + settings.drainTimeout().toNanos());
            clients.shutdown();
            if (!clients.awaitTermination(settings.drainTimeout().plus(settings.ackTimeout()).toSeconds() + 10, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        }
    }
}
