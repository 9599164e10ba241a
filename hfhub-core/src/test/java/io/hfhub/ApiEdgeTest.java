package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API edge holds: the module exports only the API packages, and no public or protected signature of a type
 * in them names a type of an internal package (which a user could not import, and which could not change freely).
 */
class ApiEdgeTest {
    private static final Set<String> API_PACKAGES = Set.of("io.hfhub", "io.hfhub.cache");

    @Test
    void theModuleExportsOnlyTheApiPackages() throws IOException, URISyntaxException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("io.hfhub.core");
        assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).as(e.toString()).isFalse());
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
                .containsExactlyInAnyOrderElementsOf(API_PACKAGES);
    }

    @Test
    void apiSignaturesNameOnlyApiAndJdkTypes() throws Exception {
        List<Class<?>> api = apiClasses();
        assertThat(api).contains(HfHub.class, HfHub.Builder.class, io.hfhub.cache.CacheScanner.class);
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : api) {
            check(type, "extends", type.getGenericSuperclass(), leaks);
            for (Type t : type.getGenericInterfaces()) {
                check(type, "implements", t, leaks);
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f)) {
                    check(type, f.getName(), f.getGenericType(), leaks);
                }
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
            executables.addAll(List.of(type.getDeclaredConstructors()));
            for (Executable e : executables) {
                if (!visible(e) || e.isSynthetic()) {
                    continue;
                }
                if (e instanceof Method m) {
                    check(type, e.getName(), m.getGenericReturnType(), leaks);
                }
                for (Type t : e.getGenericParameterTypes()) {
                    check(type, e.getName(), t, leaks);
                }
                for (Type t : e.getGenericExceptionTypes()) {
                    check(type, e.getName(), t, leaks);
                }
            }
        }
        assertThat(leaks).as("internal types in API signatures").isEmpty();
    }

    /** The public types of the API packages, nested ones included (a nested public type is API too). */
    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = classesRoot();
        List<Class<?>> classes = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            Path folder = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                    String simple = file.getFileName().toString().replace(".class", "");
                    if (simple.equals("package-info")) {
                        continue;
                    }
                    Class<?> c = Class.forName(pkg + "." + simple, false, ApiEdgeTest.class.getClassLoader());
                    if (reachable(c)) {
                        classes.add(c);
                    }
                }
            }
        }
        return classes;
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(HfHub.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Public, and every enclosing type public too. */
    private static boolean reachable(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        boolean inheritable = !Modifier.isFinal(m.getDeclaringClass().getModifiers());
        return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && inheritable);
    }

    private static void check(Class<?> owner, String where, Type type, Set<String> leaks) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.isPrimitive() && !allowed(c)) {
                leaks.add(owner.getName() + " " + where + ": " + c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(owner, where, p.getRawType(), leaks);
            for (Type arg : p.getActualTypeArguments()) {
                check(owner, where, arg, leaks);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .forEach(b -> check(owner, where, b, leaks));
        } else if (type instanceof GenericArrayType a) {
            check(owner, where, a.getGenericComponentType(), leaks);
        } else if (type instanceof TypeVariable<?> v && v.getGenericDeclaration() instanceof Executable) {
            for (Type bound : v.getBounds()) { // a generic method's bound; a class's own are checked as its type
                check(owner, where, bound, leaks);
            }
        }
    }

    private static boolean allowed(Class<?> c) {
        String pkg = c.getPackageName();
        return pkg.startsWith("java.") || pkg.startsWith("javax.") || API_PACKAGES.contains(pkg);
    }
}
