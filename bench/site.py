#!/usr/bin/env python3
"""The bench's Hub and CDN: static files and one nginx configuration, so that every client measured talks to the
same independent server (nginx serves the blobs with sendfile, as a CDN does, and answers the Hub's resolve and API
routes from pre-computed JSON and headers).

usage: site.py WORK PORT_BASE
  WORK/data/<repo>/<file>   the repos' files (made by run.sh, kept between runs)
  writes WORK/site/ (blobs as hard links, api JSON) and WORK/nginx.conf; ports PORT_BASE .. PORT_BASE+4:
    +0 Hub over HTTP (127.0.0.1)        +1 CDN over HTTP (127.0.0.2)
    +2 Hub over HTTPS (127.0.0.1)       +3 CDN over HTTPS (127.0.0.2)
    +4 CDN over HTTP capped per connection (127.0.0.2), the Hub on +5 redirects there
"""
import hashlib
import json
import os
import sys

COMMIT = "4d1c0ffee5ee7ab1e0b7c0de5bead5a11ed5eed5"
LFS_MIN = 10 * 1024 * 1024  # files this large are LFS (redirected to the CDN), smaller ones the Hub serves
CAPPED_RATE = os.environ.get("BENCH_CAPPED_RATE", "50000000")  # bytes/s per connection on the capped CDN


def digest(path, algo, prefix=b""):
    """A file's hash, remembered beside it (keyed by size and mtime) since 4 GiB take seconds to hash."""
    st = os.stat(path)
    memo = f"{path}.{algo}.{st.st_size}.{int(st.st_mtime)}"
    if os.path.exists(memo):
        return open(memo).read()
    h = hashlib.new(algo)
    h.update(prefix)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    value = h.hexdigest()
    if st.st_size >= LFS_MIN:
        with open(memo, "w") as f:
            f.write(value)
    return value


def git_oid(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def main():
    work, base = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    data, site = f"{work}/data", f"{work}/site"
    os.makedirs(f"{site}/blobs", exist_ok=True)
    etags, lfs_locations = [], []
    for org in sorted(os.listdir(data)):
        for name in sorted(os.listdir(f"{data}/{org}")):
            repo, root = f"{org}/{name}", f"{data}/{org}/{name}"
            tree, siblings = [], []
            for dirpath, _, files in os.walk(root):
                for fname in sorted(files):
                    if ".sha" in fname:
                        continue
                    path = os.path.join(dirpath, fname)
                    rel = os.path.relpath(path, root)
                    size = os.path.getsize(path)
                    siblings.append({"rfilename": rel})
                    if size >= LFS_MIN:
                        sha = digest(path, "sha256")
                        pointer = (f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha}\n"
                                   f"size {size}\n").encode()
                        oid = git_oid(pointer)
                        blob = f"{site}/blobs/{sha}"
                        if not os.path.exists(blob):
                            os.link(path, blob)
                        tree.append({"type": "file", "oid": oid, "size": size, "path": rel,
                                     "lfs": {"oid": sha, "size": size, "pointerSize": len(pointer)}})
                        lfs_locations.append((repo, rel, sha, size, oid))
                    else:
                        with open(path, "rb") as f:
                            oid = git_oid(f.read())
                        tree.append({"type": "file", "oid": oid, "size": size, "path": rel})
                        for rev in ("main", COMMIT):
                            etags.append((f"/{repo}/resolve/{rev}/{rel}", oid))
            os.makedirs(f"{site}/api/{repo}", exist_ok=True)
            info = {"_id": COMMIT[:24], "id": repo, "private": False, "gated": False, "disabled": False,
                    "sha": COMMIT, "siblings": siblings}
            with open(f"{site}/api/{repo}/info.json", "w") as f:
                json.dump(info, f)
            with open(f"{site}/api/{repo}/tree.json", "w") as f:
                json.dump(tree, f)

    with open(f"{work}/etags.map", "w") as f:
        for uri, oid in etags:
            f.write(f'"{uri}" "\\"{oid}\\"";\n')

    hub = [
        "etag off;",
        "add_header X-Repo-Commit " + COMMIT + " always;",
        r"location ~ ^/api/models/([^/]+/[^/]+)/revision/(main|" + COMMIT + r")$ {",
        "  default_type application/json; add_header X-Repo-Commit " + COMMIT + " always;",
        f"  alias {site}/api/$1/info.json;",
        "}",
        r"location ~ ^/api/models/([^/]+/[^/]+)/tree/(main|" + COMMIT + r")/?$ {",
        "  default_type application/json; add_header X-Repo-Commit " + COMMIT + " always;",
        f"  alias {site}/api/$1/tree.json;",
        "}",
    ]
    for repo, rel, sha, size, oid in lfs_locations:
        hub += [
            r"location ~ ^/" + repo + r"/resolve/(main|" + COMMIT + r")/" + rel.replace(".", r"\.") + "$ {",
            "  add_header X-Repo-Commit " + COMMIT + " always;",
            f'  add_header X-Linked-Etag \'"{sha}"\' always;',
            f"  add_header X-Linked-Size {size} always;",
            f'  add_header ETag \'"{oid}"\' always;',
            f"  return 302 $cdn/blobs/{sha}?Expires=4102444800&Signature=bench;",
            "}",
        ]
    hub += [
        r"location ~ ^/([^/]+/[^/]+)/resolve/(main|" + COMMIT + r")/(.+)$ {",
        "  add_header X-Repo-Commit " + COMMIT + " always;",
        "  add_header ETag $hf_etag always;",
        f"  alias {data}/$1/$3;",
        "}",
    ]
    with open(f"{work}/hub.conf", "w") as f:
        f.write("\n".join(hub) + "\n")
    with open(f"{work}/cdn.conf", "w") as f:
        f.write(f"location /blobs/ {{ alias {site}/blobs/; }}\n")

    tls = (f"ssl_certificate {work}/cert.pem; ssl_certificate_key {work}/key.pem; "
           "ssl_session_cache shared:SSL:1m; ssl_protocols TLSv1.2 TLSv1.3;")
    conf = f"""worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 100000; keepalive_timeout 60s;
  default_type application/octet-stream;
  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
  uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  map_hash_bucket_size 256; map_hash_max_size 65536;
  map $uri $hf_etag {{ default ""; include {work}/etags.map; }}
  server {{ listen 127.0.0.1:{base}; set $cdn http://127.0.0.2:{base + 1}; include {work}/hub.conf; }}
  server {{ listen 127.0.0.2:{base + 1}; include {work}/cdn.conf; }}
  server {{ listen 127.0.0.1:{base + 2} ssl; {tls} set $cdn https://127.0.0.2:{base + 3}; include {work}/hub.conf; }}
  server {{ listen 127.0.0.2:{base + 3} ssl; {tls} include {work}/cdn.conf; }}
  server {{ listen 127.0.0.2:{base + 4}; limit_rate {CAPPED_RATE}; include {work}/cdn.conf; }}
  server {{ listen 127.0.0.1:{base + 5}; set $cdn http://127.0.0.2:{base + 4}; include {work}/hub.conf; }}
}}
"""
    os.makedirs(f"{work}/tmp", exist_ok=True)
    with open(f"{work}/nginx.conf", "w") as f:
        f.write(conf)


if __name__ == "__main__":
    main()
