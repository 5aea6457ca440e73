package dev.parley.readmodel;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * An in-memory stand-in for an interface of a library (the Cassandra driver's statements, result sets,
 * rows): it answers the methods named in {@code answers} (with the value, or what an {@link Answer}
 * makes of the arguments), runs the interface's default methods as written, and fails on anything else,
 * so a test sees at once when the code under test asks for more than it stubs.
 */
public final class Stub {

    private Stub() {
    }

    public static <T> T of(Class<T> type, Map<String, ?> answers) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (answers.containsKey(name)) {
                Object answer = answers.get(name);
                return answer instanceof Answer computed ? computed.apply(args == null ? new Object[0] : args) : answer;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (name) {
                case "toString" -> type.getSimpleName() + " stub";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + name + " is not stubbed");
            };
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** An answer computed from the call's arguments. */
    @FunctionalInterface
    public interface Answer {
        Object apply(Object[] args);
    }
}
