package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.platform.health.DatabaseHealthCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract's health answer, bare rather than in the success envelope, so load balancers and uptime probes
 * can read it as it is: 200 when every check passes, 503 otherwise. Always JSON, whatever the request's {@code Accept}
 * says: Spring MVC writes nothing at all for a 5xx whose type it cannot negotiate, so an unhealthy answer to a probe
 * with an odd {@code Accept} was an empty 503.
 */
@RestController
public class HealthController {

    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";

    private final DatabaseHealthCheck database;
    private final Clock clock;
    private final String version;

    public HealthController(DatabaseHealthCheck database, Clock clock, ObjectProvider<BuildProperties> buildProperties) {
        this.database = database;
        this.clock = clock;
        this.version = versionOf(buildProperties.getIfAvailable());
    }

    public record HealthReport(String status, Instant timestamp, String version, Map<String, String> checks) {
    }

    @GetMapping("/api/v1/health")
    public ResponseEntity<HealthReport> health() {
        String databaseCheck = database.check();
        boolean healthy = DatabaseHealthCheck.OK.equals(databaseCheck);
        HealthReport report = new HealthReport(healthy ? HEALTHY : UNHEALTHY, clock.instant(), version,
                Map.of("database", databaseCheck));
        return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON).body(report);
    }

    static String versionOf(BuildProperties buildProperties) {
        if (buildProperties != null && buildProperties.getVersion() != null) {
            return buildProperties.getVersion();
        }
        String packaged = HealthController.class.getPackage().getImplementationVersion();
        return packaged != null ? packaged : "dev";
    }
}
