"""Paired bootstrap of two routers' two-tier APGR (gpt-4-1106-preview vs mixtral-8x7b-instruct), per slice.

Usage: python3 bench/router-analysis/pair_bootstrap.py OOF_A LOSO_A OOF_B LOSO_B DATA.jsonl...
OOF_* / LOSO_* come from `tiergate train ... --cv --oof-out F --loso-out G` (each row predicted by a model that did
not see it). Prints, for each file and source, APGR(B) - APGR(A) and its 95 % interval over 400 resamples of the
slice's rows (the same resample for both routers). Rows are resampled; folds are not, so fold-assignment noise is not
in the interval. Needs numpy. An analysis aid for docs/BENCHMARKS.md, not part of the product.
"""
import json, sys
import numpy as np

STRONG, WEAK = "gpt-4-1106-preview", "mixtral-8x7b-instruct"


def apgr(score, s, w):
    """RouteLLM APGR: top c of prompts by score go strong; area under PGR(c) (trapezoid over every prompt count)."""
    order = np.argsort(-np.asarray(score), kind="stable")
    s, w = np.asarray(s)[order], np.asarray(w)[order]
    q = (w.sum() + np.concatenate([[0], np.cumsum(s - w)])) / len(s)
    pgr = (q - w.mean()) / (s.mean() - w.mean())
    return np.trapezoid(pgr, dx=1 / len(s))


def gap_scores(path, rows):
    p = {}
    for line in open(path):
        r = json.loads(line)
        p[r["id"]] = r["p"][STRONG] - r["p"][WEAK]
    return np.array([p[r["id"]] for r in rows])


def main():
    oof_a, loso_a, oof_b, loso_b, *data = sys.argv[1:]
    rows = [json.loads(l) for f in data for l in open(f)]
    rows = [r for r in rows if STRONG in r["outcomes"] and WEAK in r["outcomes"]]
    src = np.array([r["source"] for r in rows])
    file = np.array([x.split("/")[0] for x in src])
    s = np.array([r["outcomes"][STRONG]["score"] for r in rows])
    w = np.array([r["outcomes"][WEAK]["score"] for r in rows])
    slices = [(f, file == f) for f in dict.fromkeys(file)] + [(x, src == x) for x in dict.fromkeys(src) if "/" in x]
    rng = np.random.default_rng(3)
    for kind, fa, fb in (("k-fold", oof_a, oof_b), ("LOSO", loso_a, loso_b)):
        a, b = gap_scores(fa, rows), gap_scores(fb, rows)
        for name, mask in slices:
            idx = np.where(mask)[0]
            deltas = []
            for _ in range(400):
                bi = rng.choice(idx, len(idx))
                deltas.append(apgr(b[bi], s[bi], w[bi]) - apgr(a[bi], s[bi], w[bi]))
            lo, hi = np.percentile(deltas, [2.5, 97.5])
            d = apgr(b[idx], s[idx], w[idx]) - apgr(a[idx], s[idx], w[idx])
            print(f"{kind:6s} {name:28s} delta {d:+.3f}  95% [{lo:+.3f}, {hi:+.3f}]")


if __name__ == "__main__":
    main()
