package io.hfhub.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The launcher's first run of a command (the one that writes the JVM's class-data archive with
 * {@code -XX:ArchiveClassesAtExit}): loads, without initialising, every class a later run of hfhub may need, then
 * runs the command as {@link Main} does. The archive keeps the classes loaded when the run ends, so without this it
 * held only what that first run happened to use: after a first download over plain HTTP, every later HTTPS run
 * parsed the JDK's ~970 TLS classes again (the bench's start-up figures, README "Benchmarks").
 *
 * <p>Loaded: hfhub's own classes and jackson-core's from this jar, and the JDK packages of TLS and certificate
 * checking. Not loaded: the extraction libraries (only the {@code extract} command and {@code --extract} use them;
 * their first run archives them); commons-cli's classes are loaded by every run's parsing, so the first one archives
 * them.
 */
final class ClassArchive {
    /** Our jar's packages worth archiving, as entry-name prefixes. */
    private static final List<String> JAR_PREFIXES = List.of("io/hfhub/", "com/fasterxml/jackson/core/");
    /** The JDK packages an HTTPS download loads and a plain HTTP one does not. */
    private static final List<String> JDK_PACKAGES = List.of("sun.security.ssl", "sun.security.x509",
            "sun.security.util", "sun.security.util.math", "sun.security.util.math.intpoly", "sun.security.ec",
            "sun.security.ec.ed", "sun.security.ec.point", "sun.security.rsa", "sun.security.provider.certpath",
            "com.sun.crypto.provider", "javax.net.ssl", "javax.crypto", "javax.crypto.spec", "java.security.cert",
            "java.security.spec", "java.security.interfaces");

    private ClassArchive() {}

    public static void main(String[] args) {
        loadOurs();
        loadJdk();
        Main.main(args);
    }

    private static void loadOurs() {
        ClassLoader loader = ClassArchive.class.getClassLoader();
        try (JarFile jar = new JarFile(Path.of(
                ClassArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")
                        && JAR_PREFIXES.stream().anyMatch(name::startsWith)) {
                    load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // an archive of fewer classes: later runs load the rest from the jar, as without this class
        }
    }

    private static void loadJdk() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            for (String pkg : JDK_PACKAGES) {
                Path modules = jrt.getPath("/packages", pkg);
                if (!Files.isDirectory(modules)) {
                    continue; // another JDK's layout: nothing to load
                }
                try (DirectoryStream<Path> owners = Files.newDirectoryStream(modules)) {
                    for (Path owner : owners) {
                        Path dir = jrt.getPath("/modules", owner.getFileName().toString(), pkg.replace('.', '/'));
                        try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, "*.class")) {
                            for (Path file : classes) {
                                String simple = file.getFileName().toString();
                                load(pkg + "." + simple.substring(0, simple.length() - ".class".length()), platform);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // as above: the archive is an optimisation, never a reason for the command to fail
        }
    }

    private static void load(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // an optional dependency's class, or one this JDK lacks: not archived
        }
    }
}
