package dev.parley.readmodel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageBucketsTest {

    @Test
    void theFirstSeqsAreInTheFirstBucket() {
        assertThat(MessageBuckets.of(0)).isZero();
        assertThat(MessageBuckets.of(1)).isZero();
        assertThat(MessageBuckets.of(MessageBuckets.SIZE - 1)).isZero();
    }

    @Test
    void aBucketStartsAtEachMultipleOfItsSize() {
        assertThat(MessageBuckets.of(1_000)).isEqualTo(1);
        assertThat(MessageBuckets.of(1_999)).isEqualTo(1);
        assertThat(MessageBuckets.of(2_000)).isEqualTo(2);
        assertThat(MessageBuckets.of(1_000_000)).isEqualTo(1_000);
    }

    /** The history pages walk bucket by bucket: a skipped bucket would be messages never shown. */
    @Test
    void consecutiveSeqsAreInTheSameBucketOrTheNextFromTheFirstSeqToTheLast() {
        assertConsecutive(0, 5_000);
        assertConsecutive(Long.MAX_VALUE - 5_000, Long.MAX_VALUE);
    }

    @Test
    void theLargestSeqHasABucketAndItIsNotNegative() {
        assertThat(MessageBuckets.of(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 1_000).isPositive();
    }

    private static void assertConsecutive(long from, long to) {
        for (long seq = from; seq < to; seq++) {
            long bucket = MessageBuckets.of(seq);
            assertThat(bucket).isNotNegative();
            assertThat(MessageBuckets.of(seq + 1) - bucket).as("from seq %d", seq).isBetween(0L, 1L);
        }
    }
}
