package dev.parley.faults;

import java.util.List;

/** The suite's results as the Markdown table of docs/reliability.md's "Fault suite" section. */
final class FaultReport {

    private FaultReport() {
    }

    static String table(List<PhaseResult> results) {
        StringBuilder table = new StringBuilder(
                "| fault | acked | lost | duplicates | gaps | time to acks again | time to pushes again | what clients saw |\n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (PhaseResult result : results) {
            table.append("| ").append(result.fault().label()).append(result.passed() ? "" : " (**failed**)")
                    .append(" | ").append(result.acked())
                    .append(" | ").append(result.lost())
                    .append(" | ").append(result.duplicates())
                    .append(" | ").append(result.gaps())
                    .append(" | ").append(result.acksAgain())
                    .append(" | ").append(result.pushesAgain())
                    .append(" | ").append(result.clientsSaw())
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Every problem found, by fault: what the table counts, one line each. */
    static String problems(List<PhaseResult> results) {
        StringBuilder text = new StringBuilder();
        for (PhaseResult result : results) {
            for (String problem : result.problems()) {
                text.append(result.fault().label()).append(": ").append(problem).append('\n');
            }
        }
        return text.toString();
    }
}
