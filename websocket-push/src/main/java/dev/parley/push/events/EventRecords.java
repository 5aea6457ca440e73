package dev.parley.push.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.stereotype.Component;

/**
 * Reads and writes Kafka records in the Axon Kafka extension's format (docs/events.md), the one the
 * command side publishes and the projections read, without running Axon on the push node.
 */
@Component
public class EventRecords {

    private final KafkaMessageConverter<String, byte[]> converter;

    EventRecords(ObjectMapper json) {
        // A copy: the serializer registers modules of its own on the mapper it is given.
        this.converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(json.copy()).build())
                .build();
    }

    /** The event a record carries; empty for a record that is not an Axon event. */
    public Optional<EventMessage<?>> read(ConsumerRecord<String, byte[]> record) {
        return converter.readKafkaMessage(record);
    }

    /** A record of {@code event} under {@code key} (an event of no aggregate, such as a presence change). */
    public ProducerRecord<String, byte[]> record(String topic, String key, Object event) {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), topic);
        return new ProducerRecord<>(topic, null, key, record.value(), record.headers());
    }
}
