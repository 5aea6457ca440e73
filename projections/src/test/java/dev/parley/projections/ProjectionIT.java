package dev.parley.projections;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.UsesRealServers;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A test of the projections on the real servers that feeds them through the topics ({@link #events}). */
@SpringBootTest
@UsesRealServers
public abstract class ProjectionIT {

    @Autowired
    protected KafkaMessageConverter<String, byte[]> converter;
    @Autowired
    protected KafkaTopicsProperties topics;

    protected EventsTopic events;

    @BeforeEach
    void openTopics() {
        events = new EventsTopic(converter);
    }

    @AfterEach
    void closeTopics() {
        events.close();
    }
}
