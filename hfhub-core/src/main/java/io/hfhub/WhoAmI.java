package io.hfhub;

import java.util.List;

/**
 * The account a token belongs to, as the Hub's {@code /api/whoami-v2} describes it.
 *
 * @param name      the user name
 * @param orgs      the organisations the user belongs to
 * @param tokenName the token's display name, or null (OAuth tokens have none)
 * @param role      the token's role ({@code read}, {@code write}, {@code fineGrained}), or null
 */
public record WhoAmI(String name, List<String> orgs, String tokenName, String role) {
    /**
     * Creates the record.
     *
     * @param name the user name
     * @param orgs the organisations the user belongs to
     * @param tokenName the token's display name, or null (OAuth tokens have none)
     * @param role the token's role ({@code read}, {@code write}, {@code fineGrained}), or null
     */
    public WhoAmI {
        orgs = List.copyOf(orgs);
    }
}
