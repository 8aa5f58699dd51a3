package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command run as an operator has it: the README's launcher on its embedded PostgreSQL, killed with
 * {@code kill -9} (which leaves that PostgreSQL running on the data folder), started again on the same folder, its
 * PostgreSQL then killed under it (which it starts again), then stopped with {@code SIGTERM}. One pair of starts
 * serves every check, since each start of the jar costs tens of seconds.
 */
class EmbeddedRunIT {

    /** Generous for a loaded machine; a start that hits the leftover server without stopping it fails after ~60 s. */
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    /** A failed test must not leave a PostgreSQL running on the temporary folder. */
    @AfterEach
    void stopWhatIsLeft() throws Exception {
        Path pidFile = folder.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(postmasterPid(folder.resolve("postgres"))).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aStartAfterKillMinusNineAndADatabaseKilledUnderTheRunKeepTheDataAndANormalStopLogsNoWarningOrError()
            throws Exception {
        Path dataDir = folder.resolve("postgres");
        Map<String, String> environment = Map.of("TIMEDEAL_DATA_DIR", dataDir.toString());

        String orderId;
        String token;
        try (PackagedJar first = PackagedJar.start(folder.resolve("first.log"), environment)) {
            first.awaitHealthy(START);
            // A first start warns only of what an operator can act on: the demo's signing key, and the API
            // description and Swagger UI being served (SpringDoc's advice for production); no library's noise.
            assertThat(PackagedJar.warningsAndErrors(first.lines())).as("WARN and ERROR lines of a first start")
                    .allMatch(line -> line.contains("JwtSettings") || line.contains("SpringDocAppInitializer"));
            Api api = first.api();
            token = api.login("user1@test.com", "password123").token();
            Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 2), token);
            assertThat(placed.status()).isIn(201, 202);
            orderId = placed.data().path("id").asText();

            first.kill();
        }
        long leftover = postmasterPid(dataDir);
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
                .as("kill -9 leaves the embedded PostgreSQL running").contains(true);

        try (PackagedJar second = PackagedJar.start(folder.resolve("second.log"), environment)) {
            second.awaitHealthy(START);
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));

            Api api = second.api();
            Api.Response order = api.get("/api/v1/orders/" + orderId, token);
            assertThat(order.status()).isEqualTo(200);
            assertThat(order.data().path("quantity").asInt()).isEqualTo(2);

            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + postmasterPort(dataDir) + "/postgres", "postgres", "");
                 ResultSet durability = connection.createStatement().executeQuery(
                         "SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
                durability.next();
                assertThat(durability.getString(1)).as("the embedded server forces its writes to disk").isEqualTo("on");
                assertThat(durability.getString(2)).as("a commit returns once its WAL is on disk").isEqualTo("on");
            }

            // Its PostgreSQL killed under the running application: started again on its port, the orders go on.
            ProcessHandle database = ProcessHandle.of(postmasterPid(dataDir)).orElseThrow();
            database.destroyForcibly();
            database.onExit().get(10, TimeUnit.SECONDS);
            Api.Response next = null;
            long deadline = System.nanoTime() + START.toNanos();
            while ((next == null || next.status() != 201) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                next = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 1), token);
            }
            assertThat(next.status()).as("an order after the database was killed: " + next.raw().body()).isEqualTo(201);
            assertThat(api.get("/api/v1/orders/" + orderId, token).status()).isEqualTo(200);
            assertThat(second.lines()).anyMatch(line -> line.contains("ended while in use; starting it again"))
                    .anyMatch(line -> line.contains("started again"));
            assertThat(postmasterPid(dataDir)).isNotEqualTo(database.pid());

            int before = second.lines().size();
            second.stop(Duration.ofSeconds(60));
            List<String> stopping = second.lines().subList(before, second.lines().size());
            assertThat(stopping).as("the stop's log").isNotEmpty();
            assertThat(PackagedJar.warningsAndErrors(stopping)).as("WARN and ERROR lines while stopping").isEmpty();
            assertThat(stopping).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
            assertThat(dataDir.resolve("postmaster.pid")).as("the database stopped with the application")
                    .doesNotExist();
        }
    }

    /**
     * The README starts the extracted launcher: its class path must be the artifact's libraries, each present in
     * {@code lib/}, so that what starts quickly is the application the artifact carries (a build that extracted an
     * older jar, or none, fails here).
     */
    @Test
    void theReadmesLauncherRunsTheArtifactsLibraries() throws Exception {
        List<String> artifactLibraries;
        try (JarFile jar = new JarFile(PackagedJar.jar().toFile())) {
            artifactLibraries = jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> "lib/" + name.substring("BOOT-INF/lib/".length()))
                    .sorted().toList();
        }
        Path launcher = PackagedJar.launcher();
        List<String> classPath;
        try (JarFile jar = new JarFile(launcher.toFile())) {
            classPath = List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").trim().split("\\s+"));
        }
        assertThat(artifactLibraries).isNotEmpty();
        assertThat(classPath).containsExactlyInAnyOrderElementsOf(artifactLibraries);
        assertThat(classPath).allSatisfy(entry -> assertThat(launcher.resolveSibling(entry)).isRegularFile());
    }

    @Test
    void theJarCarriesNoXStream() throws Exception {
        try (JarFile jar = new JarFile(PackagedJar.jar().toFile())) {
            assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
                    .noneMatch(name -> name.toLowerCase().contains("xstream"));
        }
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(postmaster(dataDir).get(0).trim());
    }

    private static int postmasterPort(Path dataDir) throws Exception {
        return Integer.parseInt(postmaster(dataDir).get(3).trim());
    }

    private static List<String> postmaster(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    }

    /**
     * The README maps the classes the build's training run archived: the archive must fit the launcher's class path as
     * the build left it. A JVM told to share ({@code -Xshare:on}) refuses an archive whose libraries changed after the
     * training, or one the training never wrote, where the README's start would quietly load every class again.
     */
    @Test
    void theBuildsClassDataArchiveFitsTheReadmesLauncher() throws Exception {
        Process check = new ProcessBuilder(PackagedJar.java(), "-Xshare:on", "-XX:SharedArchiveFile=" + PackagedJar.classDataArchive(),
                "-cp", PackagedJar.launcher().toString(), "-version").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("sharing");
    }

    @Test
    void theBuildsClassDataTrainingLeavesNoDatabaseServerRunning() {
        // A server that stops cleanly removes its postmaster.pid; one left running (Spring's onRefresh halt skipped
        // every shutdown hook) keeps it, and the process, after the build.
        Path trainingData = PackagedJar.launcher().getParent().resolveSibling("class-data-training").resolve("postgres");
        assertThat(trainingData.resolve("PG_VERSION")).as("the training ran on its own database").exists();
        assertThat(trainingData.resolve("postmaster.pid")).doesNotExist();
    }
}
