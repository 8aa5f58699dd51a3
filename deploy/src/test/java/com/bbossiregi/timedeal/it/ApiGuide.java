package com.bbossiregi.timedeal.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docs/api.md and the generated OpenAPI document each say about the API, as comparable facts: one per
 * operation and status ({@code GET /api/v1/timedeals/{} 200}) and one per error code ({@code ... 404 NOT_FOUND}).
 * The guide's table format is described at its end ("How the tables are read").
 */
final class ApiGuide {

    private static final String HEADER = "| method | path | success | errors |";
    private static final Pattern PATH = Pattern.compile("`([^`?]+)[^`]*`");
    private static final Pattern LEADING_STATUSES = Pattern.compile("^\\s*(\\d{3})((?:\\s*(?:or|,)\\s*\\d{3})*)");
    private static final Pattern STATUS = Pattern.compile("\\d{3}");
    private static final Pattern ERROR = Pattern.compile("\\b([45]\\d\\d)\\b(?:\\s+([A-Z][A-Z_]+)\\b)?");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private ApiGuide() {
    }

    /** The facts the guide's tables state. */
    static Set<String> fromGuide(String markdown) {
        Set<String> facts = new TreeSet<>();
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.equals(HEADER)) {
                inTable = true;
                continue;
            }
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (!inTable || trimmed.startsWith("|---")) {
                continue;
            }
            String[] cells = trimmed.substring(1, trimmed.length() - 1).split("\\|", -1);
            if (cells.length != 4) {
                throw new IllegalArgumentException("A row of an operations table needs four cells: " + line);
            }
            String method = cells[0].trim().toUpperCase(Locale.ROOT);
            Matcher path = PATH.matcher(cells[1]);
            if (!METHODS.contains(method) || !path.find()) {
                throw new IllegalArgumentException("Not a method and a `path`: " + line);
            }
            String operation = method + " " + normalize(path.group(1).trim());
            Matcher success = LEADING_STATUSES.matcher(cells[2]);
            if (!success.find()) {
                throw new IllegalArgumentException("The success cell must start with its status: " + line);
            }
            Matcher statuses = STATUS.matcher(success.group());
            while (statuses.find()) {
                facts.add(operation + " " + statuses.group());
            }
            Matcher errors = ERROR.matcher(cells[3]);
            while (errors.find()) {
                add(facts, operation, errors.group(1), errors.group(2));
            }
        }
        return facts;
    }

    /** The facts of an OpenAPI document: its operations' response statuses and the error codes of each. */
    static Set<String> fromOpenApi(JsonNode document) {
        Set<String> facts = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    continue;
                }
                String name = method + " " + normalize(path.getKey());
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    JsonNode codes = response.getValue().path("x-error-codes");
                    if (codes.isArray() && !codes.isEmpty()) {
                        codes.forEach(code -> add(facts, name, response.getKey(), code.asText()));
                    } else {
                        add(facts, name, response.getKey(), null);
                    }
                });
            }
        }
        return facts;
    }

    /** Every fact only one side states, each saying which side, sorted; empty when they agree. */
    static List<String> differences(Set<String> guide, Set<String> generated) {
        List<String> differences = new ArrayList<>();
        guide.stream().filter(fact -> !generated.contains(fact))
                .forEach(fact -> differences.add("only in docs/api.md:   " + fact));
        generated.stream().filter(fact -> !guide.contains(fact))
                .forEach(fact -> differences.add("only in /v3/api-docs:  " + fact));
        return differences;
    }

    private static void add(Set<String> facts, String operation, String status, String code) {
        if (status.equals("500")) {
            return;
        }
        facts.add(operation + " " + status + (code == null ? "" : " " + code));
    }

    /** Path variables compare by position: {@code {id}} and {@code {orderId}} are both {@code {}}. */
    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
