#!/usr/bin/env python3
"""Runs an extractor over the article-extraction corpus and scores it.

usage: extraction_benchmark.py byline BINARY CORPUS OUTDIR [--passes N]
       extraction_benchmark.py byline-batch BINARY CORPUS OUTDIR [--passes N]
       extraction_benchmark.py trafilatura CORPUS OUTDIR [--passes N]

Writes OUTDIR/<name>-predictions.json in the scorer's format and prints
"<name>: N pages, P pages/s (median of K passes)". Pages are decompressed
before timing. `byline` starts one process per page, as a user running
`byline extract` would; `byline-batch` extracts every page in one process
(the hidden --batch mode), which is how trafilatura is timed too.
"""
import tempfile
import gzip
import json
import os
import statistics
import subprocess
import sys
import time


def pages(corpus):
    truth = json.load(open(os.path.join(corpus, "ground-truth.json"), encoding="utf-8"))
    for key in sorted(truth):
        path = os.path.join(corpus, "html", key + ".html.gz")
        with gzip.open(path, "rb") as f:
            yield key, truth[key].get("url", ""), f.read()


def run_byline(binary, page, url):
    args = [binary, "extract", "-", "--text"] + (["--url", url] if url else [])
    done = subprocess.run(args, input=page, capture_output=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    return done.stdout.decode("utf-8", "replace")


def run_byline_batch(binary, loaded, folder):
    """All pages in one process: saved to files in `folder` first, outside the timed part."""
    lines = []
    for key, url, page in loaded:
        path = os.path.join(folder, key + ".html")
        with open(path, "wb") as f:
            f.write(page)
        lines.append(path + "\t" + url)
    listing = os.path.join(folder, "pages.txt")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    def extract_all():
        done = subprocess.run([binary, "extract", listing, "--batch", "--text"], capture_output=True)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        texts = done.stdout.decode("utf-8", "replace").split("\0")
        return {key: {"articleBody": texts[i] if i < len(texts) else ""} for i, (key, _, _) in enumerate(loaded)}
    return extract_all


def run_trafilatura(page, url):
    import trafilatura
    text = trafilatura.extract(page.decode("utf-8", "replace"), url=url or None)
    return text or ""


def main(argv):
    passes = 3
    if "--passes" in argv:
        at = argv.index("--passes")
        passes = int(argv[at + 1])
        del argv[at:at + 2]
    name = argv[1]
    extract_all = None
    if name == "byline":
        binary, corpus, outdir = argv[2:5]
        extract = lambda page, url: run_byline(binary, page, url)
    elif name == "byline-batch":
        binary, corpus, outdir = argv[2:5]
    else:
        corpus, outdir = argv[2:4]
        extract = run_trafilatura
    corpus = os.path.join(corpus, "dev") if os.path.isdir(os.path.join(corpus, "dev")) else corpus
    loaded = list(pages(corpus))
    # Decompressed pages live only as long as the run: the corpus is never copied to stay.
    scratch = tempfile.TemporaryDirectory(prefix="byline-batch-")
    if name == "byline-batch":
        extract_all = run_byline_batch(binary, loaded, scratch.name)
    rates, predictions = [], {}
    for _ in range(passes):
        start = time.perf_counter()
        if extract_all:
            predictions = extract_all()
        else:
            predictions = {key: {"articleBody": extract(page, url)} for key, url, page in loaded}
        rates.append(len(loaded) / (time.perf_counter() - start))
    scratch.cleanup()
    out = os.path.join(outdir, name + "-predictions.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions, f, ensure_ascii=False, indent=1)
    print(f"{name}: {len(loaded)} pages, {statistics.median(rates):.1f} pages/s (median of {passes} passes)")


if __name__ == "__main__":
    main(sys.argv)
