#!/usr/bin/env python3
"""A loopback RFC 3161 time-stamping authority for tests: each POST body (a TimeStampReq) is
answered by `openssl ts -reply` with the test's throwaway TSA certificate.

    fake_tsa.py --dir DIR --config TSA.cnf --port-file FILE [--auth USER:PASSWORD]

Listens on 127.0.0.1 at a free port (written to FILE). With --auth, a request without that
basic authentication gets 401. Every request's Authorization header is logged to
DIR/tsa.log (so a test can see the credentials arrived), never the password itself."""
import argparse
import base64
import http.server
import os
import subprocess
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--auth", default="")
    args = ap.parse_args()
    expected = "Basic " + base64.b64encode(args.auth.encode()).decode() if args.auth else ""
    log = open(os.path.join(args.dir, "tsa.log"), "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, fmt, *a):  # quiet: the log file says what matters
            pass

        def reply(self, status, body, ctype="text/plain"):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            auth = self.headers.get("Authorization", "")
            log.write("POST %s content-type=%s auth=%s\n" % (
                self.path, self.headers.get("Content-Type", ""),
                "ok" if auth == expected and expected else ("none" if not auth else "wrong")))
            if expected and auth != expected:
                self.reply(401, b"unauthorized\n")
                return
            with tempfile.TemporaryDirectory(dir=args.dir) as d:
                query, out = os.path.join(d, "q.tsq"), os.path.join(d, "r.tsr")
                with open(query, "wb") as f:
                    f.write(body)
                done = subprocess.run(
                    ["openssl", "ts", "-reply", "-config", args.config, "-queryfile", query,
                     "-out", out], capture_output=True)
                if done.returncode != 0:
                    log.write("openssl ts -reply failed: %s\n" % done.stderr.decode(errors="replace"))
                    self.reply(500, b"openssl ts -reply failed\n")
                    return
                with open(out, "rb") as f:
                    self.reply(200, f.read(), "application/timestamp-reply")

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
