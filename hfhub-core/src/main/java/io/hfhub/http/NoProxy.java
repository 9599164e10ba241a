package io.hfhub.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code NO_PROXY} as curl reads it: a comma (or space) separated list of host names, domain suffixes (with or
 * without a leading dot: {@code example.com} covers {@code example.com} and {@code a.example.com}, never
 * {@code notexample.com}), IP addresses, CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) and {@code *} for
 * everything. Like Python's requests, an entry may carry a port ({@code host:8080}) that then must match too.
 * Host names are never resolved: an IP rule matches only a URL written with that IP, as in curl.
 */
final class NoProxy {
    private final List<String> entries;

    private NoProxy(List<String> entries) {
        this.entries = entries;
    }

    /** The rules of a {@code NO_PROXY} value; null or blank gives none. */
    static NoProxy parse(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return new NoProxy(List.copyOf(entries));
    }

    /** Whether a request to {@code host} (as in the URL, IPv6 with or without brackets) and port bypasses the proxy. */
    boolean bypasses(String host, int port) {
        String h = normaliseHost(host);
        for (String entry : entries) {
            if (entry.equals("*") || matches(entry, h, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, String host, int port) {
        String rule = entry;
        int entryPort = -1;
        int colon = rule.lastIndexOf(':');
        boolean bracketed = rule.startsWith("[");
        if (colon > 0 && (bracketed ? rule.indexOf(']') < colon : rule.indexOf(':') == colon)) {
            try {
                entryPort = Integer.parseInt(rule.substring(colon + 1));
                rule = rule.substring(0, colon);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (entryPort != -1 && entryPort != port) {
            return false;
        }
        rule = normaliseHost(rule);
        int slash = rule.indexOf('/');
        if (slash > 0) {
            return inBlock(host, rule.substring(0, slash), rule.substring(slash + 1));
        }
        if (isIpLiteral(rule) || isIpLiteral(host)) {
            return sameAddress(rule, host);
        }
        String suffix = rule.startsWith(".") ? rule.substring(1) : rule;
        return !suffix.isEmpty() && (host.equals(suffix) || host.endsWith("." + suffix));
    }

    private static String normaliseHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean inBlock(String host, String network, String bitsText) {
        if (!isIpLiteral(host) || !isIpLiteral(network)) {
            return false;
        }
        byte[] a = address(host);
        byte[] n = address(network);
        int bits;
        try {
            bits = Integer.parseInt(bitsText);
        } catch (NumberFormatException e) {
            return false;
        }
        if (a.length != n.length || bits < 0 || bits > a.length * 8) {
            return false;
        }
        int shift = a.length * 8 - bits;
        return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, n).shiftRight(shift));
    }

    private static boolean sameAddress(String a, String b) {
        return isIpLiteral(a) && isIpLiteral(b) && java.util.Arrays.equals(address(a), address(b));
    }

    /** A dotted IPv4 or an IPv6 literal; never a name (which would need a DNS lookup). */
    private static boolean isIpLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-f:.]+"));
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }
}
