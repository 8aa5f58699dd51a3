package com.bbossiregi.timedeal.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/** Read-only navigation in parsed YAML: a missing step answers an empty node instead of throwing. */
final class Yamls {

    private Yamls() {
    }

    static List<Node> nodes(String multiDocumentYaml) {
        List<Node> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(multiDocumentYaml)) {
            if (document != null) {
                documents.add(new Node(document));
            }
        }
        return documents;
    }

    record Node(Object value) {

        boolean exists() {
            return value != null;
        }

        Node node(String... path) {
            Object current = value;
            for (String step : path) {
                current = current instanceof Map<?, ?> map ? map.get(step) : null;
            }
            return new Node(current);
        }

        String text(String... path) {
            Object leaf = node(path).value;
            return leaf == null ? null : String.valueOf(leaf);
        }

        Integer integer(String... path) {
            Object leaf = node(path).value;
            return leaf instanceof Number number ? number.intValue() : leaf == null ? null : Integer.valueOf(leaf.toString());
        }

        Boolean bool(String... path) {
            Object leaf = node(path).value;
            return leaf == null ? null : Boolean.valueOf(leaf.toString());
        }

        List<Node> list(String... path) {
            Object leaf = node(path).value;
            return leaf instanceof List<?> items ? items.stream().map(Node::new).toList() : List.of();
        }

        Set<String> keys() {
            return value instanceof Map<?, ?> map ? strings().keySet() : Set.of();
        }

        /** A mapping's entries as strings (labels, selectors, environment). */
        Map<String, String> strings() {
            Map<String, String> strings = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> strings.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            }
            return strings;
        }
    }
}
