package dev.parley.standalone.browser;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the browser tests on a machine without Chromium, saying so in one line for the whole run (not
 * one per class), so that the build's output shows why they did not run and nothing else fails.
 */
final class ChromiumCondition implements ExecutionCondition {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = Chromium.configured().missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        String reason = "Browser tests skipped: " + missing.get()
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if (TOLD.compareAndSet(false, true)) {
            System.out.println(reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
