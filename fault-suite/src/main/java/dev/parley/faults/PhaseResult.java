package dev.parley.faults;

import java.util.List;

/**
 * The verdict on one fault: what was promised (acked), what of it is missing from a member's history
 * (lost), what came twice (stored twice, or pushed twice on one connection), seqs missing from a history
 * or from what a member received live or through catch-up (gaps), how long acks and pushes took to flow
 * again, what clients saw, and each problem found, for the log.
 */
record PhaseResult(
        Fault fault,
        int acked,
        int lost,
        int duplicates,
        int gaps,
        Recovery acksAgain,
        Recovery pushesAgain,
        String clientsSaw,
        List<String> problems) {

    boolean passed() {
        return acked > 0 && lost == 0 && duplicates == 0 && gaps == 0 && acksAgain.recovered() && pushesAgain.recovered();
    }
}
