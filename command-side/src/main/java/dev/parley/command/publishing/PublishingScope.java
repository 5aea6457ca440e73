package dev.parley.command.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One polled batch of commands: its transactions' events are sent after each commit, and closing the
 * scope waits until Kafka has acknowledged all of them, once for the whole batch.
 */
public final class PublishingScope implements AutoCloseable {

    private final EventsPublisher publisher;
    private final Set<Integer> commandPartitions;
    private final List<Publication> publications = new ArrayList<>();

    PublishingScope(EventsPublisher publisher, Set<Integer> commandPartitions) {
        this.publisher = publisher;
        this.commandPartitions = commandPartitions;
    }

    Set<Integer> commandPartitions() {
        return commandPartitions;
    }

    List<Publication> publications() {
        return publications;
    }

    void add(Publication publication) {
        publications.add(publication);
    }

    @Override
    public void close() {
        publisher.closed(this);
    }
}
