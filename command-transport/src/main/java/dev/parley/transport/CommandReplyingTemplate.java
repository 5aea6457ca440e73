package dev.parley.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.transport.OverloadReport.Shed;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.GenericMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/**
 * Spring Kafka's request-reply template, with its per-request log lines replaced by counts. A reply that
 * comes after its sender gave up is not logged as an error each (Spring's own choice on an unshared
 * reply topic): a late success is counted in the {@link OverloadReport}, since it means a command took
 * effect after its client was told {@code UNAVAILABLE}; a late refusal changed nothing and is dropped.
 * The template's "Reply timed out" warnings are silenced in parley-platform.yml; {@link CommandSender}
 * counts those timeouts instead.
 */
final class CommandReplyingTemplate extends ReplyingKafkaTemplate<String, byte[], byte[]> {

    private final OverloadReport overload;
    private final ObjectMapper json;

    CommandReplyingTemplate(ProducerFactory<String, byte[]> producers,
                            GenericMessageListenerContainer<String, byte[]> replies, OverloadReport overload,
                            ObjectMapper json) {
        super(producers, replies);
        this.overload = overload;
        this.json = json;
    }

    @Override
    protected void logLateArrival(ConsumerRecord<String, byte[]> record, Object correlationId) {
        try {
            if (json.readValue(record.value(), CommandReply.class).ok()) {
                overload.count(Shed.LATE_SUCCESS);
            }
        } catch (IOException unreadable) {
            // not a reply of ours; nobody waits for it either
        }
    }
}
