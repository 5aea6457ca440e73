package dev.parley.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.projections.ProjectionsApplication;
import dev.parley.testing.RealServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast the conversations projection turns events on the events topic into Cassandra rows. It
 * publishes a history (CONVERSATIONS direct conversations, each opened, then MESSAGES sends and a read
 * receipt every 10 messages) in the command side's format while the projection runs, and times from the
 * first event published to every conversation's last row written (publishing takes a small part of it).
 * Run on a fresh test data folder: a backlog on the topic from earlier runs would be timed too. With
 * {@code replay}, it then replays the conversations read model from the start of the topic, requested as
 * {@code POST /admin/projections/conversations/replay} requests it, and times the replay to done.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=ProjectionBenchmark -Dexec.args="CONVERSATIONS MESSAGES [replay]"</pre>
 */
public final class ProjectionBenchmark {

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        boolean replay = args.length > 2 && args[2].equals("replay");
        Map<String, Object> properties = BenchmarkProperties.onRealServers("projections");
        properties.put("axon.kafka.publisher.enabled", "false"); // as the projections service alone has it
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ProjectionsApplication.class)
                .properties(properties).run()) {
            @SuppressWarnings("unchecked")
            KafkaMessageConverter<String, byte[]> converter = app.getBean(KafkaMessageConverter.class);
            String topic = app.getBean(KafkaTopicsProperties.class).events().name();
            List<ConversationId> ids = new ArrayList<>();
            long start = System.nanoTime();
            long events = publish(converter, topic, conversations, messages, ids);

            CqlSession cassandra = app.getBean(CqlSession.class);
            PreparedStatement lastSeq = cassandra.prepare("SELECT last_seq FROM conversations WHERE conversation_id = ?");
            int done = 0;
            long nextProgress = start + 5_000_000_000L;
            while (done < ids.size()) {
                var row = cassandra.execute(lastSeq.bind(ids.get(done).value())).one();
                if (row != null && row.getLong("last_seq") == messages) {
                    done++;
                    continue;
                }
                Thread.sleep(50);
                if (System.nanoTime() > nextProgress) {
                    System.out.printf("[bench]   %d s: %d of %d conversations projected%n",
                            (System.nanoTime() - start) / 1_000_000_000L, done, ids.size());
                    nextProgress += 5_000_000_000L;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Writes an event makes: opened 3 (its row, the admin listing's day and row) + 2 per member;
            // sent 3 (message, conversation, sender's member row); read 1 (member row).
            long writes = conversations * 7L + (long) conversations * messages * 3 + conversations * (messages / 10L);
            System.out.printf(Locale.ROOT, "[bench] %,d events (%,d conversations × %,d messages) projected in %.1f s:"
                            + " %.0f events/s, %.0f Cassandra writes/s%n",
                    events, conversations, messages, seconds, events / seconds, writes / seconds);
            if (replay) {
                replay(app.getBean(JdbcTemplate.class));
            }
        }
        System.exit(0);
    }

    /** Requests a replay of the conversations read model and waits for it, reporting progress every 10 s. */
    private static void replay(JdbcTemplate postgres) throws InterruptedException {
        postgres.update("INSERT INTO projection_replays (name, state, requested_at) VALUES ('conversations', 'requested',"
                + " now()) ON CONFLICT (name) DO UPDATE SET state = 'requested', requested_at = now(), started_at = NULL,"
                + " finished_at = NULL, target_position = NULL");
        long start = System.nanoTime();
        long nextProgress = start + 10_000_000_000L;
        while (!"done".equals(postgres.queryForObject("SELECT state FROM projection_replays WHERE name = 'conversations'",
                String.class))) {
            Thread.sleep(200);
            if (System.nanoTime() > nextProgress) {
                Double progress = postgres.queryForObject("SELECT min(progress) FROM projection_status WHERE name = 'conversations'",
                        Double.class);
                System.out.printf(Locale.ROOT, "[bench]   replay %d s: %.0f%%%n", (System.nanoTime() - start) / 1_000_000_000L,
                        progress == null ? 0 : progress * 100);
                nextProgress += 10_000_000_000L;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Everything on the topic is replayed, this run's history and any before it.
        long replayed = postgres.queryForObject("SELECT target_position FROM projection_replays WHERE name = 'conversations'",
                Long.class);
        System.out.printf(Locale.ROOT, "[bench] replay of %,d events: requested to done in %.1f s, %.0f events/s%n",
                replayed, seconds, replayed / seconds);
    }

    private static long publish(KafkaMessageConverter<String, byte[]> converter, String topic, int conversations,
                                int messages, List<ConversationId> ids) throws Exception {
        long events = 0;
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                UserId a = UserId.random();
                UserId b = UserId.random();
                ConversationId id = ConversationId.direct(a, b);
                ids.add(id);
                List<Object> history = new ArrayList<>();
                history.add(new DirectConversationOpened(id, List.of(a, b), a, now));
                for (int seq = 1; seq <= messages; seq++) {
                    history.add(new MessageSent(id, MessageId.random(), seq, seq % 2 == 0 ? b : a, "c-" + seq,
                            "a benchmark message of about fifty characters, more or less", null, now));
                    if (seq % 10 == 0) {
                        history.add(new MessagesRead(id, seq % 20 == 0 ? a : b, seq, now));
                    }
                }
                for (int i = 0; i < history.size(); i++) {
                    sends.add(producer.send(converter.createKafkaMessage(
                            new GenericDomainEventMessage<>("Conversation", id.value(), i, history.get(i)), topic)));
                }
                events += history.size();
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
        System.out.printf("[bench] published %,d events%n", events);
        return events;
    }
}
