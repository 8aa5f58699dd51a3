package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The PromQL of the monitoring files in deploy/monitoring and the metric names it reads, and a node's scrape as
 * Prometheus reads it.
 */
final class PromQl {

    static final Path MONITORING = Path.of("monitoring");
    static final String SCRAPE = "/actuator/prometheus";
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    /** Every {@code expr} of the alert rules. */
    static List<String> alertExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(MONITORING.resolve("alerts.yml"))) {
            Map<String, Object> rules = new Yaml().load(reader);
            for (Object group : (List<?>) rules.get("groups")) {
                for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                    expressions.add(((Map<?, ?>) rule).get("expr").toString());
                }
            }
        }
        return expressions;
    }

    /** Every target {@code expr} of the dashboard's panels. */
    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/timedeal-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    /** The metric names an expression reads: what is left once strings, matchers, ranges and groupings are gone. */
    static Set<String> metricNames(String expression) {
        String bare = expression
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            if (!KEYWORDS.contains(matcher.group(1).toLowerCase())) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text scrape. */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** A node's scrape, taken as Prometheus takes it: from the management port, without a token. */
    static String scrape(int managementPort) {
        Api.Response response = new Api(managementPort).get(SCRAPE, null);
        assertThat(response.status()).isEqualTo(200);
        return response.raw().body();
    }

    /**
     * The sample of {@code metric} whose labels include all of {@code labels}, each {@code name="value"}; empty when
     * there is none.
     */
    static OptionalDouble sample(String scrape, String metric, String... labels) {
        Matcher line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)", Pattern.MULTILINE)
                .matcher(scrape);
        while (line.find()) {
            String found = line.group(1);
            if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                return OptionalDouble.of(Double.parseDouble(line.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
