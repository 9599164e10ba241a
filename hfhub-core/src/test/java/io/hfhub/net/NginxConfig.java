package io.hfhub.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The nginx configuration the README recommends for sharing downloads across machines, filled in for a test:
 * the Hub under a path prefix ({@code /hf/}), the CDN under {@code /_cdn/} with the Hub's redirects rewritten to
 * it, and only the CDN's content-addressed objects cached.
 */
final class NginxConfig {
    private NginxConfig() {}

    /** Writes {@code nginx.conf} (and the folders it names) into {@code root}; returns its path. */
    static Path write(Path root, int port, String hub, String cdn, String mirror) throws IOException {
        for (String sub : new String[] {"cache", "tmp"}) {
            Files.createDirectories(root.resolve(sub));
        }
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid ROOT/nginx.pid;
                error_log ROOT/error.log warn;
                events { worker_connections 512; }
                http {
                    log_format cache '$request_method $cdn_path $status $upstream_cache_status';
                    map $uri $cdn_path { ~^/_cdn/ /_cdn/; default $uri; }
                    access_log ROOT/access.log cache;
                    client_body_temp_path ROOT/tmp/body;
                    proxy_temp_path ROOT/tmp/proxy;
                    fastcgi_temp_path ROOT/tmp/fastcgi;
                    uwsgi_temp_path ROOT/tmp/uwsgi;
                    scgi_temp_path ROOT/tmp/scgi;

                    proxy_cache_path ROOT/cache levels=1:2 keys_zone=hf:10m max_size=100g inactive=30d use_temp_path=off;

                    server {
                        listen 127.0.0.1:PORT;

                        # The Hub's API: always fresh; its pagination Link headers pass.
                        location /hf/api/ {
                            proxy_pass HUB/api/;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                        }

                        # The Hub's resolve answers: always fresh (a branch moves); their redirects to the
                        # CDN come back here, and the Xet headers are dropped, or Xet-aware clients would
                        # fetch the chunks around this cache.
                        location /hf/ {
                            proxy_pass HUB/;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_redirect CDN/ MIRROR/_cdn/;
                            proxy_hide_header X-Xet-Hash;
                            proxy_hide_header X-Xet-Refresh-Route;
                            proxy_hide_header X-Xet-Cas-Url;
                            proxy_hide_header X-Xet-Access-Token;
                            proxy_hide_header X-Xet-Token-Expiration;
                            proxy_hide_header Link;
                        }

                        # The CDN: immutable objects, cached by path without the presigned query,
                        # fetched once however many machines ask at the same time.
                        location /_cdn/ {
                            proxy_pass CDN/;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Authorization "";
                            proxy_cache hf;
                            proxy_cache_key $uri;
                            proxy_cache_valid 200 206 30d;
                            proxy_cache_lock on;
                            proxy_cache_lock_timeout 1h;
                            proxy_ignore_headers Cache-Control Expires Set-Cookie;
                            proxy_read_timeout 1h;
                        }
                    }
                }
                """;
        conf = conf.replace("ROOT", root.toAbsolutePath().toString()).replace("PORT", Integer.toString(port))
                .replace("HUB", hub).replace("CDN", cdn).replace("MIRROR", mirror);
        Path file = root.resolve("nginx.conf");
        Files.writeString(file, conf);
        return file;
    }
}
