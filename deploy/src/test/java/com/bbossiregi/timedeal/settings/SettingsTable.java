package com.bbossiregi.timedeal.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code timedeal.*} settings as the runbook's table under "## Settings" documents them, and as the settings
 * records declare them (Boot's configuration metadata of every module on the class path), with what differs.
 * A default is a setting's value when nothing sets it; {@code null} when it has none (unset, or one that depends
 * on something else, which the runbook writes in words rather than as a {@code `value`}).
 */
final class SettingsTable {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final String PREFIX = "timedeal.";

    private SettingsTable() {
    }

    /** The result of reading a table: each setting with its default, and the settings listed more than once. */
    record Documented(Map<String, String> defaults, List<String> repeated) {
    }

    /**
     * Reads the table under {@code ## Settings}. A row's setting is its first {@code `name`} (an environment variable
     * in parentheses after it is not a setting of its own); a row {@code `a.b.capacity` / `.period` / `.enabled`}
     * documents {@code a.b.capacity}, {@code a.b.period} and {@code a.b.enabled}, with defaults {@code `1` / `2` /
     * `3`} in the same order.
     */
    static Documented documented(String runbook) {
        Map<String, String> defaults = new TreeMap<>();
        List<String> repeated = new ArrayList<>();
        boolean inSettings = false;
        for (String line : runbook.split("\n")) {
            if (line.startsWith("## ")) {
                inSettings = line.trim().equals("## Settings");
                continue;
            }
            if (!inSettings || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<String> names = code(cells[1]);
            if (names.isEmpty() || !names.get(0).startsWith(PREFIX)) {
                continue;
            }
            String first = names.get(0);
            List<String> settings = new ArrayList<>(List.of(first));
            for (String more : names.subList(1, names.size())) {
                if (more.startsWith(".")) {
                    settings.add(first.substring(0, first.lastIndexOf('.')) + more);
                }
            }
            List<String> values = new ArrayList<>();
            if (settings.size() == 1) {
                List<String> found = code(cells[2]);
                values.add(found.isEmpty() ? null : found.get(0));
            } else {
                for (String part : cells[2].split(" / ")) {
                    List<String> found = code(part);
                    values.add(found.isEmpty() ? null : found.get(0));
                }
            }
            for (int i = 0; i < settings.size(); i++) {
                String value = i < values.size() ? values.get(i) : null;
                if (defaults.containsKey(settings.get(i))) {
                    repeated.add(settings.get(i));
                }
                defaults.put(settings.get(i), value);
            }
        }
        return new Documented(defaults, repeated);
    }

    /** Every {@code timedeal.*} property in the configuration metadata of the jars and folders on the class path. */
    static Map<String, String> declared() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> defaults = new TreeMap<>();
        try {
            for (URL url : Collections.list(SettingsTable.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asText();
                        if (name.startsWith(PREFIX)) {
                            defaults.put(name, text(property.get("defaultValue")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /** What differs between the table and the records, one line each; empty when they agree. */
    static List<String> differences(Documented documented, Map<String, String> declared) {
        List<String> differences = new ArrayList<>();
        documented.repeated().forEach(name -> differences.add(name + ": listed more than once in the runbook"));
        TreeSet<String> names = new TreeSet<>(declared.keySet());
        names.addAll(documented.defaults().keySet());
        for (String name : names) {
            if (!documented.defaults().containsKey(name)) {
                differences.add(name + ": a setting (default " + declared.get(name) + ") missing from the runbook");
            } else if (!declared.containsKey(name)) {
                differences.add(name + ": in the runbook, but no settings record declares it");
            } else if (!sameValue(documented.defaults().get(name), declared.get(name))) {
                differences.add(name + ": the runbook says default " + documented.defaults().get(name)
                        + ", the record " + declared.get(name));
            }
        }
        return differences;
    }

    private static List<String> code(String cell) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** A default as text: a list as {@code a,b}, whether the metadata holds it as an array or as {@code [a, b]}. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        String text = value.asText();
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1).replace(", ", ",") : text;
    }

    private static boolean sameValue(String documented, String declared) {
        if (documented == null || declared == null) {
            return documented == null && declared == null;
        }
        try {
            return new BigDecimal(documented).compareTo(new BigDecimal(declared)) == 0;
        } catch (NumberFormatException notNumbers) {
            return Objects.equals(documented, declared);
        }
    }
}
