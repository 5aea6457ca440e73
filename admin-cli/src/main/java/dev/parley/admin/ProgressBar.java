package dev.parley.admin;

/** A text progress bar, e.g. {@code [########------------]  40%}. */
final class ProgressBar {

    static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** The bar for a fraction from 0 to 1 (clamped); a bar of dots when it is not known. */
    static String of(Double fraction) {
        if (fraction == null || fraction.isNaN()) {
            return "[" + ".".repeat(WIDTH) + "]    ?";
        }
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.floor(clamped * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", (int) Math.floor(clamped * 100));
    }
}
