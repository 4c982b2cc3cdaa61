#!/usr/bin/env python3
"""A loopback server for Scripts/hostile-inputs.sh: a 1 GiB gzip bomb made as it is sent
(never held or stored), a feed whose one entity would expand to 830 MB, and a good feed.
Prints its port, then serves until killed."""
import http.server
import socketserver
import sys
import zlib

GIB = 1 << 30


def blow_up():
    uses = "&a;" * 83_000
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + "x" * 10_000 + '">]>\n'
            '<rss version="2.0"><channel><title>Blow-up</title>\n'
            '<item><title>T</title><link>https://example.org/' + uses + '</link></item>\n'
            '</channel></rss>\n').encode()


def good(items=30):
    out = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Good News</title><link>https://good.example/</link>']
    for i in range(1, items + 1):
        out.append(f'<item><guid>good-{i}</guid><title>Good story {i}</title>'
                   f'<description>Paragraph {i} of the good feed, kept whole.</description></item>')
    out.append('</channel></rss>')
    return "".join(out).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/bomb":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Connection", "close")
            self.end_headers()
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            zeros = bytes(1 << 20)
            try:
                for _ in range(GIB // len(zeros)):
                    piece = packer.compress(zeros)
                    if piece:
                        self.wfile.write(piece)
                self.wfile.write(packer.flush())
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        body = {"/blowup": blow_up, "/good": good}.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
