package dev.parley.bench.realtime;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;

/** Percentiles of one kind of latency over a step, in milliseconds; {@code count} 0 when nothing was measured. */
record Latency(long count, double p50, double p90, double p99, double max) {

    /**
     * Microseconds, 3 significant digits (so a percentile is within 0.1% of the true value), up to 10 minutes:
     * far beyond anything a step can wait for, so no sample is ever clamped in practice.
     */
    static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    static void record(AbstractHistogram histogram, long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    static Latency of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        return new Latency(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
