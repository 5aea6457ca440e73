package dev.parley.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.parley.command.CommandSideApplication;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.transport.CommandSender;
import dev.parley.projections.ProjectionsApplication;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code SendMessage} through the whole command path: the commands topic, the command side (decide,
 * store in PostgreSQL, publish to the events topic) and the reply topic, against the real servers.
 *
 * <pre>./mvnw -q -pl benchmarks -am -Dmaven.test.skip=true install exec:java -Dexec.args="RATE SECONDS"</pre>
 *
 * RATE > 0: an open-loop run at that many commands a second (latency under a steady load).
 * RATE = 0: a closed-loop run with 256 commands in flight (the highest sustained rate).
 * Both run 10 s of warm-up first; the command side and the client share this JVM. A third argument
 * {@code projections} runs the projections in this JVM too and reports how far the conversations read
 * model trails the events topic while the commands run (its lag, sampled every 2 s).
 */
public final class CommandPathBenchmark {

    private static final int CONVERSATIONS = 200;
    private static final int IN_FLIGHT = 256;
    private static final int WARM_UP_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        boolean withProjections = args.length > 2 && args[2].equals("projections");
        Map<String, Object> properties = BenchmarkProperties.onRealServers("command-side");
        properties.put("parley.commands.client-enabled", "true");
        ConfigurableApplicationContext projections = null;
        if (withProjections) {
            Map<String, Object> projectionProperties = BenchmarkProperties.onRealServers("projections");
            projectionProperties.put("axon.kafka.publisher.enabled", "false");
            projections = new SpringApplicationBuilder(ProjectionsApplication.class).properties(projectionProperties).run();
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(properties).run()) {
            CommandSender remote = app.getBean(CommandSender.class);
            List<Sender> senders = conversations(remote, app.getBean(JdbcTemplate.class));
            System.out.printf("[bench] %d conversations ready; warming up %d s%n", senders.size(), WARM_UP_SECONDS);
            run(remote, senders, rate, WARM_UP_SECONDS, "warm-up");
            PublisherLag lag = new PublisherLag(app.getBean(JdbcTemplate.class));
            long behindBefore = lag.eventsBehind();
            ReadModelLag readModelLag = withProjections ? ReadModelLag.start(app.getBean(JdbcTemplate.class)) : null;
            Result result = run(remote, senders, rate, seconds, "measure");
            System.out.println(result.report(rate, seconds));
            lag.report(behindBefore);
            if (readModelLag != null) {
                readModelLag.report();
            }
        } finally {
            if (projections != null) {
                projections.close();
            }
        }
        System.exit(0);
    }

    /** How far the conversations read model trails the events topic, sampled every 2 s from its status reports. */
    static final class ReadModelLag {
        private final List<Long> samples = new CopyOnWriteArrayList<>();
        private final Thread sampler;

        private ReadModelLag(JdbcTemplate jdbc) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    samples.add(jdbc.queryForObject("SELECT COALESCE(max(lag), 0) FROM projection_status"
                            + " WHERE name = 'conversations'", Long.class));
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static ReadModelLag start(JdbcTemplate jdbc) {
            ReadModelLag lag = new ReadModelLag(jdbc);
            lag.sampler.start();
            return lag;
        }

        void report() {
            sampler.interrupt();
            long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("[bench] conversations read model behind the events topic: median %d, max %d, last %d"
                            + " records (%d samples, 2 s apart)%n", sorted[sorted.length / 2], sorted[sorted.length - 1],
                    samples.get(samples.size() - 1), sorted.length);
        }
    }

    /**
     * How far the events publisher (store to events topic) trails the store: a command path that answers
     * faster than its events reach Kafka only moves the queue. Read from the publisher's outbox: the
     * events its rows name are stored and not yet acknowledged by Kafka.
     */
    record PublisherLag(JdbcTemplate jdbc) {
        long eventsBehind() {
            Long behind = jdbc.queryForObject("SELECT COALESCE(SUM(range.last - range.first + 1), 0)"
                    + " FROM event_outbox, unnest(first_seqs, last_seqs) AS range(first, last)", Long.class);
            return behind == null ? 0 : behind;
        }

        void report(long behindBefore) throws InterruptedException {
            long behind = eventsBehind();
            System.out.printf("[bench] events publisher: %d events behind before the run, %d after it%n", behindBefore, behind);
            long start = System.nanoTime();
            while (behind > 0 && System.nanoTime() - start < 120_000_000_000L) {
                Thread.sleep(1000);
                behind = eventsBehind();
            }
            System.out.printf(Locale.ROOT, "[bench] events publisher: %s after %.1f s more%n",
                    behind == 0 ? "caught up" : behind + " events still behind", (System.nanoTime() - start) / 1e9);
        }
    }

    record Sender(ConversationId conversation, UserId user, AtomicLong next) {
    }

    private static List<Sender> conversations(CommandSender remote, JdbcTemplate jdbc) {
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            UserId a = UserId.random();
            UserId b = UserId.random();
            for (UserId user : List.of(a, b)) {
                jdbc.update("INSERT INTO user_accounts (user_id, username, password_hash) VALUES (?, ?, 'x')",
                        user.value(), "b" + user.value().replace("-", "").substring(0, 24));
            }
            senders.add(new Sender(remote.sendAndWait(OpenDirect.between(a, b), ConversationId.class), a, new AtomicLong()));
        }
        return senders;
    }

    record Result(long completed, long failed, double seconds, long[] latenciesMicros, double cpuMsPerCommand) {
        String report(int rate, int plannedSeconds) {
            Arrays.sort(latenciesMicros);
            return String.format(Locale.ROOT,
                    "[bench] %s: %d commands in %.1f s = %.0f/s, %d failed; reply latency p50 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms; this JVM's CPU %.2f ms a command",
                    rate > 0 ? "open loop at " + rate + "/s" : "closed loop, " + IN_FLIGHT + " in flight",
                    completed, seconds, completed / seconds, failed, percentile(0.50), percentile(0.99),
                    latenciesMicros.length == 0 ? 0 : latenciesMicros[latenciesMicros.length - 1] / 1000.0, cpuMsPerCommand);
        }

        private double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            return latenciesMicros[(int) Math.min(latenciesMicros.length - 1, Math.floor(p * latenciesMicros.length))] / 1000.0;
        }
    }

    private static Result run(CommandSender remote, List<Sender> senders, int rate, int seconds, String phase)
            throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(rate > 0 ? 20_000 : IN_FLIGHT);
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        long nextProgress = start + 5_000_000_000L;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            long due = rate > 0 ? (now - start) * rate / 1_000_000_000L : Long.MAX_VALUE;
            while (sent < due && System.nanoTime() < end) {
                if (rate > 0 ? !inFlight.tryAcquire() : !inFlight.tryAcquire(1, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    break;
                }
                Sender sender = senders.get((int) (sent % senders.size()));
                long began = System.nanoTime();
                remote.send(new SendMessage(sender.conversation(), sender.user(), "b-" + sender.next().incrementAndGet(),
                                "benchmark message of about fifty characters, give or take", null), MessageAccepted.class)
                        .whenComplete((ack, failure) -> {
                            inFlight.release();
                            if (failure != null) {
                                failed.incrementAndGet();
                            } else {
                                completed.incrementAndGet();
                                latencies.add((System.nanoTime() - began) / 1000);
                            }
                        });
                sent++;
            }
            if (System.nanoTime() > nextProgress) {
                System.out.printf("[bench]   %s: %d s, %d answered%n", phase, (System.nanoTime() - start) / 1_000_000_000L,
                        completed.get());
                nextProgress += 5_000_000_000L;
            }
            if (rate > 0) {
                Thread.sleep(1);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long done = completed.get();
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6 / Math.max(1, done);
        inFlight.acquire(rate > 0 ? 20_000 : IN_FLIGHT);
        inFlight.release(rate > 0 ? 20_000 : IN_FLIGHT);
        return new Result(done, failed.get(), elapsed, latencies.stream().mapToLong(Long::longValue).toArray(), cpuMs);
    }
}
