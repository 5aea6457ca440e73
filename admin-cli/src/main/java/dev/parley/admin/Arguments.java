package dev.parley.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: the command, where the server is, how to sign in, and the command's options.
 * Secrets may come from the environment instead ({@code PARLEY_TOKEN}, {@code PARLEY_PASSWORD}), so
 * that they need not show in the process list.
 */
record Arguments(String command, String projection, URI url, String token, String username, String password,
                 String aggregate, String type, Instant from, Instant to, Path out, long afterIndex, int pageSize) {

    static final String DEFAULT_URL = "http://localhost:8080";
    /** The most events the server answers in one request (its own maximum); the tool pages with these. */
    static final int MAX_PAGE_SIZE = 10_000;

    static final Set<String> COMMANDS = Set.of("export", "replay", "status");
    private static final Set<String> OPTIONS = Set.of("url", "token", "username", "password", "aggregate", "type",
            "from", "to", "out", "after-index", "page-size");

    /** True when the user asked for help anywhere on the line, or gave nothing at all. */
    static boolean wantsHelp(String[] args) {
        return args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")
                || args[0].equals("help");
    }

    static Arguments parse(String[] args, Map<String, String> environment) {
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            throw new UsageError("unknown command '" + command + "': one of export, replay, status");
        }
        Map<String, String> options = new java.util.HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageError("--" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageError("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new UsageError("--" + name + " is given twice");
            }
        }

        String projection = null;
        if (command.equals("replay")) {
            if (positional.size() != 1) {
                throw new UsageError("replay needs one projection name, e.g. replay conversations");
            }
            projection = positional.get(0);
        } else if (!positional.isEmpty()) {
            throw new UsageError("unexpected argument '" + positional.get(0) + "'");
        }

        URI url = url(options.getOrDefault("url", DEFAULT_URL));
        String token = options.getOrDefault("token", environment.get("PARLEY_TOKEN"));
        String username = options.get("username");
        String password = options.getOrDefault("password", environment.get("PARLEY_PASSWORD"));
        if (token != null && username != null) {
            throw new UsageError("give either a token or a username, not both");
        }
        if (token == null && username == null) {
            throw new UsageError("sign in with --token (or PARLEY_TOKEN), or --username and --password (or PARLEY_PASSWORD)");
        }
        if (username != null && password == null) {
            throw new UsageError("--username needs --password (or PARLEY_PASSWORD)");
        }

        if (!command.equals("export")) {
            for (String exportOnly : List.of("aggregate", "type", "from", "to", "out", "after-index", "page-size")) {
                if (options.containsKey(exportOnly)) {
                    throw new UsageError("--" + exportOnly + " is an option of export only");
                }
            }
            return new Arguments(command, projection, url, token, username, password, null, null, null, null, null, 0,
                    MAX_PAGE_SIZE);
        }
        Instant from = instant("from", options.get("from"));
        Instant to = instant("to", options.get("to"));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UsageError("--from must be before --to");
        }
        if (!options.containsKey("out")) {
            throw new UsageError("export needs --out FILE");
        }
        long afterIndex = number("after-index", options.getOrDefault("after-index", "0"), 0, Long.MAX_VALUE);
        int pageSize = (int) number("page-size", options.getOrDefault("page-size", "" + MAX_PAGE_SIZE), 1, MAX_PAGE_SIZE);
        return new Arguments(command, null, url, token, username, password, options.get("aggregate"), options.get("type"),
                from, to, Path.of(options.get("out")), afterIndex, pageSize);
    }

    private static URI url(String value) {
        try {
            URI url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new UsageError("--url must be an http(s) address, e.g. " + DEFAULT_URL);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageError("--" + name + " must be an ISO-8601 instant, e.g. 2026-11-28T09:00:00Z");
        }
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageError("--" + name + " must be a whole number from " + min + " to " + max);
        }
    }
}
