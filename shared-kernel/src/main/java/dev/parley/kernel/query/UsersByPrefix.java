package dev.parley.kernel.query;

import dev.parley.kernel.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Users whose username starts with {@code prefix}, in username order, at most {@code limit}. A prefix has
 * at least three characters: the index is partitioned by the first three, and shorter prefixes would
 * match too many users to be a useful search.
 */
public record UsersByPrefix(String prefix, int limit) {

    public static final int MIN_PREFIX = 3;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9_.]{" + MIN_PREFIX + ",32}");

    public UsersByPrefix {
        prefix = prefix == null ? null : prefix.toLowerCase(Locale.ROOT);
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidInput("query must be " + MIN_PREFIX + " to 32 of a-z, 0-9, '_' and '.'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be 1.." + MAX_LIMIT);
        }
    }
}
