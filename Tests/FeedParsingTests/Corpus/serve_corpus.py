"""Serves the feedparser corpus over HTTP on 127.0.0.1 for the corpus test.

Each file is served at /tests/<path> with its `Header:` lines (from the manifest) as
response headers; a file without a Content-type gets text/xml, as upstream's mock does.
It prefers port 8097 (the port upstream's expectations name), else any free port, and
prints the port on the first line. It stops when its standard input closes (the test
process ended) or after ten minutes, whichever comes first.
"""
import http.server
import json
import os
import socket
import sys
import threading

ROOT = sys.argv[1]
HEADERS = {}
with open(os.path.join(ROOT, "manifest.jsonl"), encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        HEADERS[record["path"]] = record.get("headers") or {}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if not path.startswith("/tests/"):
            self.send_error(404)
            return
        relative = path[len("/tests/"):]
        full = os.path.realpath(os.path.join(ROOT, relative))
        if not full.startswith(os.path.realpath(ROOT) + os.sep) or not os.path.isfile(full):
            self.send_error(404)
            return
        with open(full, "rb") as f:
            body = f.read()
        headers = dict(HEADERS.get(relative, {}))
        if not any(k.lower() == "content-type" for k in headers):
            headers["Content-type"] = "text/xml"
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def make_server():
    for port in (8097, 0):
        try:
            return http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        except OSError:
            continue
    raise SystemExit("no free port")


server = make_server()
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
stopper = threading.Timer(600, lambda: os._exit(0))
stopper.daemon = True
stopper.start()
sys.stdin.read()
os._exit(0)
