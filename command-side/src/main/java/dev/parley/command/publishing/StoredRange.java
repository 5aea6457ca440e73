package dev.parley.command.publishing;

/** Events of one aggregate that one transaction stored: sequence numbers {@code firstSeq..lastSeq}. */
record StoredRange(String aggregateId, long firstSeq, long lastSeq) {
}
