package dev.parley.standalone.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For a class whose ordered tests tell one story, each building on the last: once a step fails, the
 * later ones are skipped, naming it, instead of each waiting out its timeouts on a state never reached.
 */
final class StoryInOrder implements TestWatcher, ExecutionCondition {

    private static final ExtensionContext.Namespace STORY = ExtensionContext.Namespace.create(StoryInOrder.class);
    private static final String FAILED_STEP = "failed step";

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getParent().orElseThrow().getStore(STORY).put(FAILED_STEP, context.getDisplayName());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("a class runs its story");
        }
        String failed = context.getParent().orElseThrow().getStore(STORY).get(FAILED_STEP, String.class);
        return failed == null ? ConditionEvaluationResult.enabled("every earlier step passed")
                : ConditionEvaluationResult.disabled("an earlier step failed: " + failed);
    }
}
