package dev.parley.projections.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Positions on a Kafka topic as numbers of records: how many a processor's token has handled (the sum over
 * partitions of the next offset to read) and how many the topic holds (the sum of its end offsets).
 */
@Component
class TopicPositions implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;

    TopicPositions(KafkaAdmin kafkaAdmin) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /** Records on the topic: the sum of its partitions' end offsets. */
    long end(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(partition -> new TopicPartition(topic, partition), partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Records a token has handled (a wrapped token counts where it has got to). */
    static long handled(TrackingToken token) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (!(current instanceof KafkaTrackingToken kafka)) {
            return 0;
        }
        // A token holds the offset of the last record handled in each partition.
        return kafka.getPositions().values().stream().mapToLong(offset -> offset + 1).sum();
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
