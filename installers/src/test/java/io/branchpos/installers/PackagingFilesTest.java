package io.branchpos.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Fast checks of the packaging sources that run in every build (no -Ppackages): shell syntax of
 * every script and maintainer script, the settings the installer tests and README rely on, and a
 * static look at the container files (no Docker engine or cluster here): the Dockerfile refers to
 * what the server package provides, the Kubernetes example parses and its objects fit together.
 */
class PackagingFilesTest {
    static final Path DIR = Path.of(System.getProperty("installers.dir", "."));

    @Test
    void everyScriptAndMaintainerScriptParses() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(DIR)) {
            scripts = s.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(DIR.resolve("target")))
                    .filter(p -> p.toString().endsWith(".sh")
                            || p.getFileName().toString().matches("preinst|postinst|prerm|postrm"))
                    .toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        for (Path script : scripts) {
            String shell = Files.readString(script).startsWith("#!/usr/bin/env bash") ? "bash" : "sh";
            Process p = new ProcessBuilder(shell, "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(shell + " -n " + script + ": " + out).isZero();
            assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        }
    }

    @Test
    void clientPackageKeepsDataAndConfigOutsideTheInstallDirectory() throws IOException {
        String build = Files.readString(DIR.resolve("linux/client/build.sh"));
        assertThat(build).contains("-Dbranchpos.data.dir=/var/lib/branchpos",
                "-Dbranchpos.config=/etc/branchpos/branchpos.properties",
                "-DjSerialComm.library.path=\\$APPDIR/native", "--linux-package-deps");
        String setup = Files.readString(DIR.resolve("linux/client/branchpos-setup.sh"));
        assertThat(setup).as("config is created only when missing").contains("if [ ! -e \"$CONF\" ]");
        String postrm = Files.readString(DIR.resolve("linux/client/deb/postrm"));
        assertThat(postrm).contains("purge)").contains("rm -rf /var/lib/branchpos");
        String keepBranch = postrm.substring(postrm.indexOf("remove|upgrade"));
        assertThat(keepBranch.substring(0, keepBranch.indexOf(";;"))).as("remove and upgrade delete nothing")
                .doesNotContain("rm ");
    }

    @Test
    void everyClientPackageShipsTheClientJvmOptionsAndTheJvmAcceptsThem() throws Exception {
        for (String script : List.of("linux/client/build.sh", "windows/build.sh", "macos/build.sh")) {
            assertThat(Files.readString(DIR.resolve(script))).as(script)
                    .contains("done < \"$INSTALLERS/client-jvm-options\"");
        }
        List<String> options = Files.readAllLines(DIR.resolve("client-jvm-options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(options).contains("-XX:+UseSerialGC").anyMatch(o -> o.startsWith("-Xmx"));
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        // the README's run command (exec:exec of app/desktop) starts the app with the same options
        String pom = Files.readString(DIR.resolve("../app/desktop/pom.xml"));
        String appJvm = pom.substring(pom.indexOf("<app.jvm>") + "<app.jvm>".length(), pom.indexOf("</app.jvm>"));
        assertThat(List.of(appJvm.strip().split("\\s+"))).as("app.jvm in app/desktop/pom.xml").isEqualTo(options);
    }

    /**
     * Decision 0407: the launcher maps a class-data archive that branchpos-setup.sh makes at install
     * time from the class list the package ships. A real JVM with the client options makes one the
     * way the setup does (options in {@code _JAVA_OPTIONS}, read after the command line's, so they win
     * over the launcher's archive path), maps it, and still starts when the archive is missing or
     * was made from other jars (here: the jar's time changed, as an upgrade changes it).
     */
    @Test
    void clientClassDataArchiveIsMadeAtInstallAndAMissingOrStaleOneDoesNotStopTheJvm(@TempDir Path tmp) throws Exception {
        String build = Files.readString(DIR.resolve("linux/client/build.sh"));
        assertThat(build).contains("CDS_ARCHIVE=/var/lib/branchpos/cds/branchpos.jsa",
                "--java-options \"-XX:SharedArchiveFile=$CDS_ARCHIVE\"", "-XX:DumpLoadedClassList=$CLASSLIST",
                "CLASSLIST=\"$IMAGE_DIR/branchpos/lib/app/branchpos.classlist\"");
        String setup = Files.readString(DIR.resolve("linux/client/branchpos-setup.sh"));
        assertThat(setup).contains("DATA=/var/lib/branchpos", "CDS=$DATA/cds", "-Xshare:dump",
                "-XX:SharedClassListFile=$APP/branchpos.classlist", "-XX:SharedArchiveFile=$CDS/branchpos.jsa.tmp",
                "mv -f \"$CDS/branchpos.jsa.tmp\" \"$CDS/branchpos.jsa\"");

        Path jar = Files.createDirectories(tmp.resolve("lib")).resolve("app.jar");
        Files.copy(Path.of(org.yaml.snakeyaml.Yaml.class.getProtectionDomain().getCodeSource().getLocation().toURI()), jar);
        Path classList = Files.writeString(tmp.resolve("branchpos.classlist"),
                "java/lang/Object\njava/lang/String\njava/util/ArrayList\norg/yaml/snakeyaml/Yaml\n");
        Path archive = tmp.resolve("branchpos.jsa");
        Path partial = tmp.resolve("branchpos.jsa.tmp");
        assertThat(jvm(Map.of("_JAVA_OPTIONS", "-Xshare:dump -XX:SharedClassListFile=" + classList
                + " -XX:SharedArchiveFile=" + partial), archive, jar, "-version")).as("dump").isZero();
        assertThat(partial).as("the dump wrote where _JAVA_OPTIONS said, not the launcher's path").isNotEmptyFile();
        assertThat(archive).doesNotExist();
        Files.move(partial, archive);
        assertThat(jvm(Map.of(), archive, jar, "-Xshare:on", "-version")).as("maps the archive (-Xshare:on)").isZero();

        assertThat(jvm(Map.of(), tmp.resolve("missing.jsa"), jar, "-version")).as("no archive").isZero();
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertThat(jvm(Map.of(), archive, jar, "-Xshare:on", "-version")).as("the JVM sees the jar changed").isNotZero();
        assertThat(jvm(Map.of(), archive, jar, "-version")).as("and starts without the archive").isZero();
    }

    /** A JVM with the client options and the launcher's archive option; its exit code. */
    private static int jvm(Map<String, String> env, Path archive, Path jar, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Files.readAllLines(DIR.resolve("client-jvm-options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(cmd::add);
        cmd.add("-XX:SharedArchiveFile=" + archive);
        cmd.add("-cp");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void serverUnitRunsAsItsOwnUserRestartsAndChecksHealth() throws IOException {
        String unit = Files.readString(DIR.resolve("linux/server/branchpos-server.service"));
        assertThat(unit).contains("User=branchpos-server", "Restart=on-failure", "ExecStartPost=",
                "StandardOutput=journal", "@/etc/branchpos-server/db.args");
        String postinst = Files.readString(DIR.resolve("linux/server/deb/postinst"));
        assertThat(postinst).contains("branchpos-server migrate", "useradd --system");
    }

    @Test
    void dockerfileUsesWhatTheServerPackageProvides() throws IOException {
        String docker = Files.readString(DIR.resolve("server/Dockerfile"));
        String build = Files.readString(DIR.resolve("linux/server/build.sh"));
        String postinst = Files.readString(DIR.resolve("linux/server/deb/postinst"));
        // jpackage names the .deb <package>_<version>-1_<arch>.deb and installs the launcher as <install-dir>/<name>/bin/<name>
        assertThat(build).contains("--linux-package-name branchpos-server", "--name branchpos-server", "--install-dir /opt");
        assertThat(docker).contains("COPY branchpos-server_*.deb /tmp/",
                "ENTRYPOINT [\"/opt/branchpos-server/bin/branchpos-server\"]", "USER branchpos-server");
        assertThat(postinst).as("the image's USER is the one the package creates").contains("branchpos-server");
        assertThat(docker).contains("BRANCHPOS_SERVER_SKIP_MIGRATE=1");
        assertThat(postinst).as("the image build skips the migration the postinst would run").contains("BRANCHPOS_SERVER_SKIP_MIGRATE");
        // the HEALTHCHECK runs curl, which --no-install-recommends only brings along as a package dependency
        assertThat(docker).contains("HEALTHCHECK", "curl -fsS", "/health");
        String deps = build.substring(build.indexOf("--linux-package-deps"));
        assertThat(deps.substring(0, deps.indexOf('\n'))).contains("curl");
        assertThat(docker).contains("EXPOSE 8080", "CMD [\"serve\", \"--port\", \"8080\"]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesExampleParsesAndItsServicesProbesAndBudgetMatchTheirPods() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Files.readString(DIR.resolve("server/kubernetes.yaml")))) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        assertThat(docs).extracting(d -> d.get("kind"))
                .containsExactly("Service", "StatefulSet", "Deployment", "Service", "PodDisruptionBudget");
        for (Map<String, Object> d : docs) {
            assertThat(d).containsKeys("apiVersion", "kind", "metadata", "spec");
            assertThat((Map<String, Object>) d.get("metadata")).containsKey("name");
        }
        Map<String, Object> deployment = spec(docs, "Deployment");
        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) deployment.get("template")).get("spec");
        Map<String, Object> podLabels = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("template"))
                .get("metadata")).get("labels");
        assertThat((Integer) deployment.get("replicas")).as("several interchangeable instances").isGreaterThanOrEqualTo(2);
        assertThat(((Map<String, Object>) deployment.get("selector")).get("matchLabels")).isEqualTo(podLabels);

        Map<String, Object> server = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
        List<String> portNames = ((List<Map<String, Object>>) server.get("ports")).stream().map(p -> (String) p.get("name")).toList();
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) server.get(probe)).get("httpGet");
            assertThat(get.get("path")).isEqualTo("/health");
            assertThat(portNames).contains((String) get.get("port"));
        }
        assertThat((List<String>) server.get("args")).startsWith("serve");
        Map<String, Object> migrate = ((List<Map<String, Object>>) podSpec.get("initContainers")).get(0);
        assertThat((List<String>) migrate.get("args")).startsWith("migrate");
        assertThat(migrate.get("image")).isEqualTo(server.get("image"));

        Map<String, Object> service = docs.stream().filter(d -> "Service".equals(d.get("kind")))
                .filter(d -> "branchpos-server".equals(((Map<String, Object>) d.get("metadata")).get("name")))
                .map(d -> (Map<String, Object>) d.get("spec")).findFirst().orElseThrow();
        assertThat(service.get("selector")).isEqualTo(podLabels);
        assertThat(portNames).contains((String) ((List<Map<String, Object>>) service.get("ports")).get(0).get("targetPort"));
        Map<String, Object> budget = spec(docs, "PodDisruptionBudget");
        assertThat(((Map<String, Object>) budget.get("selector")).get("matchLabels")).isEqualTo(podLabels);
        assertThat((Integer) budget.get("minAvailable")).isLessThan((Integer) deployment.get("replicas"));

        // the servers' database URL names the PostgreSQL Service
        Map<String, Object> pgService = docs.get(0);
        String pgName = (String) ((Map<String, Object>) pgService.get("metadata")).get("name");
        assertThat(String.join(" ", (List<String>) server.get("args"))).contains("jdbc:postgresql://" + pgName + ":5432/");
        assertThat(((Map<String, Object>) pgService.get("spec")).get("selector"))
                .isEqualTo(((Map<String, Object>) ((Map<String, Object>) spec(docs, "StatefulSet").get("template")).get("metadata")).get("labels"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).map(d -> (Map<String, Object>) d.get("spec")).findFirst().orElseThrow();
    }
}
