"""Evaluates feedparser's `Expect:` expressions against Byline's results, in one batch.

Input (argv[1]): a JSON list of cases, each {"path", "expect", "result"}, where "result"
is Byline's feed mapped to feedparser's result keys. Dates arrive as {"__time__": [...]}.
"--port N" rewrites the upstream mock server's 127.0.0.1:8097 to the real test server.
Output: one JSON line per case, {"path", "ok", "error"}.

The lookup rules below restate feedparser's FeedParserDict (aliases such as
tagline -> subtitle, `category`, `enclosures`, `license`), so expressions read the
result the way they read feedparser's.
"""
import datetime
import json
import sys
import time


class FeedDict(dict):
    keymap = {
        "channel": "feed", "items": "entries", "guid": "id", "date": "updated",
        "date_parsed": "updated_parsed", "description": ["summary", "subtitle"],
        "description_detail": ["summary_detail", "subtitle_detail"], "url": ["href"],
        "modified": "updated", "modified_parsed": "updated_parsed", "issued": "published",
        "issued_parsed": "published_parsed", "copyright": "rights",
        "copyright_detail": "rights_detail", "tagline": "subtitle",
        "tagline_detail": "subtitle_detail",
    }

    def __getitem__(self, key):
        if key == "category":
            try:
                return dict.__getitem__(self, "tags")[0]["term"]
            except IndexError:
                raise KeyError("category")
        if key == "enclosures":
            return [FeedDict((k, v) for k, v in link.items() if k != "rel")
                    for link in dict.__getitem__(self, "links") if link.get("rel") == "enclosure"]
        if key == "license":
            for link in dict.__getitem__(self, "links"):
                if link.get("rel") == "license" and "href" in link:
                    return link["href"]
        if key in ("updated", "updated_parsed"):
            other = key.replace("updated", "published")
            if not dict.__contains__(self, key) and dict.__contains__(self, other):
                return dict.__getitem__(self, other)
            return dict.__getitem__(self, key)
        real = self.keymap.get(key, key)
        if isinstance(real, list):
            for k in real:
                if dict.__contains__(self, k):
                    return dict.__getitem__(self, k)
        elif dict.__contains__(self, real):
            return dict.__getitem__(self, real)
        return dict.__getitem__(self, key)

    def __contains__(self, key):
        if key in ("updated", "updated_parsed"):
            return dict.__contains__(self, key)
        try:
            self.__getitem__(key)
        except KeyError:
            return False
        return True

    has_key = __contains__

    def get(self, key, default=None):
        try:
            return self.__getitem__(key)
        except KeyError:
            return default

    def __getattr__(self, key):
        try:
            return self.__getitem__(key)
        except KeyError:
            raise AttributeError(key)


def convert(value, plain=False):
    if isinstance(value, dict):
        if set(value) == {"__time__"}:
            return time.struct_time(tuple(value["__time__"]))
        items = {k: convert(v, plain) for k, v in value.items()}
        # feedparser gives Podlove chapter starts as time deltas.
        if isinstance(items.get("start_parsed"), (int, float)):
            items["start_parsed"] = datetime.timedelta(seconds=items["start_parsed"])
        return dict(items) if plain else FeedDict(items)
    if isinstance(value, list):
        # feedparser gives coordinates as tuples of numbers.
        if value and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            return tuple(value)
        return [convert(v, plain) for v in value]
    return value


def main():
    args = sys.argv[1:]
    port = None
    if "--port" in args:
        i = args.index("--port")
        port = args[i + 1]
        del args[i:i + 2]
    with open(args[0], encoding="utf-8") as f:
        cases = json.load(f)
    out = sys.stdout
    for case in cases:
        expect = case["expect"]
        if port:
            expect = expect.replace("127.0.0.1:8097", "127.0.0.1:" + port)
        raw = case["result"]
        result = FeedDict()
        for key, value in raw.items():
            result[key] = convert(value, plain=key in ("headers", "namespaces"))
        try:
            ok = bool(eval(expect, {"datetime": datetime}, result))
            error = None if ok else "expectation is false"
        except Exception as exc:  # the expression itself failed: a missing key, a type
            ok = False
            error = "%s: %s" % (type(exc).__name__, str(exc)[:200])
        out.write(json.dumps({"path": case["path"], "ok": ok, "error": error}) + "\n")


if __name__ == "__main__":
    main()
