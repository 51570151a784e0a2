package dev.llmhealth.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * health-app/pom.xml's {@code jib} profile, read as XML (no registry here to build an image): off by
 * default, a JRE 21+ base, and the same contract as the Dockerfile and deploy/k8s: port 4000, uid
 * 10001, the config at /etc/llm-health/config.yaml, the launcher's JVM flags.
 */
class JibProfileTest {

    private static Path root;
    private static Element profile;
    private static Element configuration;

    @BeforeAll
    static void readPom() throws Exception {
        root = KubernetesManifestsTest.deployDirectory().getParent();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(root.resolve("health-app/pom.xml").toFile());
        profile = children(child(pom.getDocumentElement(), "profiles"), "profile").stream()
                .filter(p -> text(p, "id").equals("jib")).findFirst().orElseThrow(() -> new AssertionError("no jib profile"));
        Element plugin = children(child(child(profile, "build"), "plugins"), "plugin").stream()
                .filter(p -> text(p, "artifactId").equals("jib-maven-plugin")).findFirst().orElseThrow();
        assertEquals("com.google.cloud.tools", text(plugin, "groupId"));
        assertTrue(text(plugin, "version").matches("3\\.\\d+\\.\\d+"), "a pinned release: " + text(plugin, "version"));
        configuration = child(plugin, "configuration");
    }

    @Test
    void theProfileIsOffByDefaultAndTheDefaultBuildNeverNamesThePlugin() throws Exception {
        Element activation = child(profile, "activation");
        assertTrue(activation == null || !text(activation, "activeByDefault").equals("true"), "activeByDefault");
        for (String pom : List.of("pom.xml", "health-app/pom.xml")) {
            String xml = Files.readString(root.resolve(pom));
            String outsideProfiles = xml.replaceAll("(?s)<profiles>.*</profiles>", "");
            assertFalse(outsideProfiles.contains("jib"), pom + " names Jib outside its profiles");
        }
    }

    @Test
    void theBaseIsAJre21OrLater() {
        Matcher base = Pattern.compile("eclipse-temurin:(\\d+)(?:[.\\-\\w]*)-jre(?:-\\w+)?").matcher(text(child(configuration, "from"), "image"));
        assertTrue(base.matches(), "from.image " + text(child(configuration, "from"), "image"));
        assertTrue(Integer.parseInt(base.group(1)) >= 21, "Java " + base.group(1));
    }

    @Test
    void theContainerListensOn4000AsUid10001() {
        Element container = child(configuration, "container");
        assertEquals(List.of("4000"), texts(child(container, "ports"), "port"));
        assertEquals("10001", text(container, "user").split(":")[0]);
        assertEquals("4000", text(child(container, "environment"), "PORT"));
    }

    @Test
    void theEntrypointRunsMainWithTheLaunchersFlagsAndTheMountedConfig() throws Exception {
        Element container = child(configuration, "container");
        List<String> entrypoint = texts(child(container, "entrypoint"), "arg");
        assertEquals(List.of("/bin/sh", "-c"), entrypoint.subList(0, 2));
        String script = entrypoint.get(2);
        assertTrue(script.contains(" dev.llmhealth.app.Main \"$@\""), script);
        assertTrue(script.contains("-cp @/app/jib-classpath-file"), "Jib's classpath file: " + script);
        assertFalse(script.contains("${"), "Maven would interpolate ${...}: " + script);

        Matcher launcherDefaults = Pattern.compile("\\$\\{HEALTH_APP_JAVA_OPTS:-([^}]*)}").matcher(Files.readString(root.resolve("bin/health-app")));
        assertTrue(launcherDefaults.find(), "bin/health-app's default JVM flags");
        assertTrue(script.contains("HEALTH_APP_JAVA_OPTS=\"" + launcherDefaults.group(1) + "\""),
                "the launcher's flags " + launcherDefaults.group(1) + ", replaceable by HEALTH_APP_JAVA_OPTS: " + script);

        assertEquals(List.of("--config", "/etc/llm-health/config.yaml"), texts(child(container, "args"), "arg"));
        assertEquals(List.of("/etc/llm-health"), texts(child(container, "volumes"), "volume"));
    }

    private static Element child(Node parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Node parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Node parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }

    private static List<String> texts(Node parent, String name) {
        return children(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
    }
}
