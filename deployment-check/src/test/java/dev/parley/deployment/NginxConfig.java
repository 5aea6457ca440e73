package dev.parley.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of nginx's config syntax for the gateway checks: blocks found by their header, upstream
 * groups and their servers, map blocks. Comments are dropped first; quoted strings holding braces or
 * '#' are not supported, and the gateway's config has none.
 */
final class NginxConfig {

    static final String FILE = "docker/nginx.conf";

    private static final Pattern UPSTREAM = Pattern.compile("\\bupstream\\s+([\\w.-]+)\\s*\\{");
    private static final Pattern SERVER = Pattern.compile("(?m)^\\s*server\\s+([^\\s:;]+)(?::(\\d+))?[^;]*;");
    private static final Pattern PROXY_PASS = Pattern.compile("\\bproxy_pass\\s+https?://([^/;\\s]+)[^;]*;");

    private final String text;

    private NginxConfig(String text) {
        this.text = text;
    }

    static NginxConfig load() {
        return load(FILE);
    }

    /** Another nginx config of the project, e.g. the media cache's. */
    static NginxConfig load(String file) {
        return new NginxConfig(ProjectFiles.read(file).replaceAll("(?m)#.*$", ""));
    }

    /** Whether a block opens with this header, e.g. {@code "events"} or {@code "location /ws"}. */
    boolean hasBlock(String headerRegex) {
        return block(headerRegex).isPresent();
    }

    /**
     * The inside of the first block whose header matches {@code headerRegex} (a regex for the words
     * before the opening brace).
     */
    Optional<String> block(String headerRegex) {
        Matcher m = Pattern.compile("(?:^|[\\s;{}])" + headerRegex + "\\s*\\{").matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int open = m.end() - 1;
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return Optional.of(text.substring(open + 1, i));
            }
        }
        throw new AssertionError(FILE + ": the block '" + headerRegex + "' is never closed");
    }

    /** The inside of the location block for a prefix, e.g. {@code "/ws"}; also finds {@code /ws/}. */
    Optional<String> location(String prefix) {
        return block("location\\s+(?:\\^~\\s+)?" + Pattern.quote(prefix) + "/?");
    }

    /** Upstream groups by name, each with its servers as {@code host:port} (port 80 when unsaid). */
    Map<String, List<String>> upstreams() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Matcher m = UPSTREAM.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String body = block("upstream\\s+" + Pattern.quote(name)).orElseThrow();
            List<String> servers = new ArrayList<>();
            Matcher s = SERVER.matcher(body);
            while (s.find()) {
                servers.add(s.group(1) + ":" + (s.group(2) == null ? "80" : s.group(2)));
            }
            result.put(name, servers);
        }
        return result;
    }

    private static final Pattern LOCATION = Pattern.compile("(?:^|[\\s;{}])location\\s+(=|\\^~|~\\*?)?\\s*(\\S+)\\s*\\{");

    /** A location block as nginx chooses among them: its modifier ("" for a plain prefix), path and inside. */
    record Location(String modifier, String path, String body) {
    }

    /** Every location block of the file, in order. */
    List<Location> locations() {
        List<Location> result = new ArrayList<>();
        Matcher m = LOCATION.matcher(text);
        while (m.find()) {
            String modifier = m.group(1) == null ? "" : m.group(1);
            String header = "location\\s+" + (modifier.isEmpty() ? "" : Pattern.quote(modifier) + "\\s*")
                    + Pattern.quote(m.group(2));
            result.add(new Location(modifier, m.group(2), block(header).orElseThrow()));
        }
        return result;
    }

    /**
     * The location nginx picks for a path: an exact match, else the longest prefix. Regex locations are
     * not modelled (the gateway has none, and a test says so); with none, a longest prefix is final.
     */
    Optional<Location> locationFor(String path) {
        List<Location> all = locations();
        Optional<Location> exact = all.stream()
                .filter(l -> l.modifier().equals("=") && l.path().equals(path)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return all.stream()
                .filter(l -> (l.modifier().isEmpty() || l.modifier().equals("^~")) && path.startsWith(l.path()))
                .max(java.util.Comparator.comparingInt(l -> l.path().length()));
    }

    /** What a block's proxy_pass names after the scheme: an upstream, a host:port or a $variable. */
    static Optional<String> proxyPassTarget(String block) {
        Matcher m = PROXY_PASS.matcher(block);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The entries of {@code map $source $target { ... }}, keyed as written ("default" included). */
    Optional<Map<String, String>> map(String source, String target) {
        return block("map\\s+" + Pattern.quote(source) + "\\s+" + Pattern.quote(target)).map(body -> {
            Map<String, String> entries = new LinkedHashMap<>();
            for (String statement : body.split(";")) {
                String[] words = statement.trim().split("\\s+");
                if (words.length == 2) {
                    entries.put(unquote(words[0]), unquote(words[1]));
                }
            }
            return entries;
        });
    }

    private static String unquote(String word) {
        return word.length() >= 2 && (word.startsWith("'") || word.startsWith("\""))
                ? word.substring(1, word.length() - 1) : word;
    }
}
