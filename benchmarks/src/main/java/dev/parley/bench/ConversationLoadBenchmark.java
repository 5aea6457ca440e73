package dev.parley.bench;

import dev.parley.command.CommandSideApplication;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.SendMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a conversation the cache does not hold costs to load, by the length of its history, with and
 * without a snapshot, and what taking a snapshot costs: the numbers the snapshot threshold is chosen by.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=ConversationLoadBenchmark</pre>
 */
public final class ConversationLoadBenchmark {

    private static final int[] HISTORY_LENGTHS = {100, 1_000, 10_000};
    private static final int LOADS = 15;

    public static void main(String[] args) throws Exception {
        Map<String, Object> properties = BenchmarkProperties.onRealServers("command-side");
        // Snapshots are taken by hand below, and nowhere else.
        properties.put("parley.conversations.snapshot-every", Integer.toString(Integer.MAX_VALUE));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(properties).run()) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Repository<?> conversations = app.getBean("conversationRepository", Repository.class);
            Cache cache = app.getBean("conversationCache", Cache.class);
            Snapshotter snapshotter = app.getBean(Snapshotter.class);
            for (int pass = 0; pass < 2; pass++) { // the first pass warms the code up; only the second reports
            for (int events : HISTORY_LENGTHS) {
                ConversationId id = conversationWith(events, commands, jdbc);
                Callable<Object> load = () -> {
                    cache.removeAll();
                    return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> conversations.load(id.value())).getPayload();
                };
                double replay = medianMillis(load);
                long before = System.nanoTime();
                snapshotter.scheduleSnapshot(conversationType(), id.value());
                double snapshotting = (System.nanoTime() - before) / 1e6;
                double fromSnapshot = medianMillis(load);
                if (pass == 0) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "[bench] %,6d events: load by replay %.1f ms (%.1f µs an event);"
                                + " load from a snapshot %.2f ms; taking the snapshot %.1f ms%n",
                        events + 1, replay, replay * 1000 / (events + 1), fromSnapshot, snapshotting);
            }
            }
        }
        System.exit(0);
    }

    private static Class<?> conversationType() throws ClassNotFoundException {
        return Class.forName("dev.parley.command.conversation.Conversation");
    }

    /** A group of two whose history is its creation and {@code messages} sends, over 200 distinct senders' ids. */
    private static ConversationId conversationWith(int messages, CommandGateway commands, JdbcTemplate jdbc) {
        UserId ada = register(jdbc);
        UserId bob = register(jdbc);
        ConversationId id = commands.sendAndWait(new CreateGroup(ConversationId.newGroup(), ada, "load " + messages, Set.of(bob)));
        for (int i = 0; i < messages; i++) {
            commands.sendAndWait(new SendMessage(id, i % 2 == 0 ? ada : bob, "c-" + i,
                    "a message of about fifty characters, give or take", null));
        }
        return id;
    }

    private static UserId register(JdbcTemplate jdbc) {
        UserId user = UserId.random();
        jdbc.update("INSERT INTO user_accounts (user_id, username, password_hash) VALUES (?, ?, 'x')",
                user.value(), "l" + user.value().replace("-", "").substring(0, 24));
        return user;
    }

    private static double medianMillis(Callable<Object> task) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < LOADS + 3; i++) {
            long start = System.nanoTime();
            task.call();
            if (i >= 3) { // the first loads warm the code up
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }
}
