package dev.parley.bench.media;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * What one phase of the media benchmark saw, counted by every uploading thread at once: answers by status
 * (0 for no answer at all: refused connection, timeout), the latency of the created ones, and the bytes
 * sent, received and stored.
 */
final class UploadTally {

    /** The status counted for a request that got no HTTP answer. */
    static final int NO_ANSWER = 0;

    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder created = new LongAdder();
    private final LongAdder jpegs = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesUploaded = new LongAdder();
    private final LongAdder bytesStored = new LongAdder();

    void created(long nanos, boolean jpeg, long requestBytes, long responseBytes, long fileBytes, long storedBytes) {
        latencyMicros.recordValue(Math.min(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)),
                latencyMicros.getHighestTrackableValue()));
        created.increment();
        if (jpeg) {
            jpegs.increment();
        }
        answered(201, requestBytes, responseBytes);
        bytesUploaded.add(fileBytes);
        bytesStored.add(storedBytes);
    }

    void answered(int status, long requestBytes, long responseBytes) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        bytesSent.add(requestBytes);
        bytesReceived.add(responseBytes);
    }

    long created() {
        return created.sum();
    }

    long jpegs() {
        return jpegs.sum();
    }

    /** Every answer that was not a 201, by status. */
    Map<Integer, Long> errors() {
        Map<Integer, Long> errors = new TreeMap<>();
        byStatus.forEach((status, count) -> {
            if (status != 201) {
                errors.put(status, count.sum());
            }
        });
        return errors;
    }

    long errorCount() {
        return errors().values().stream().mapToLong(Long::longValue).sum();
    }

    /** A percentile of the created uploads' latency, in milliseconds. */
    double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxLatencyMillis() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }

    long bytesSent() {
        return bytesSent.sum();
    }

    long bytesReceived() {
        return bytesReceived.sum();
    }

    long bytesUploaded() {
        return bytesUploaded.sum();
    }

    long bytesStored() {
        return bytesStored.sum();
    }
}
