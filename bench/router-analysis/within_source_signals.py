"""Session-4 probes for per-prompt signal *within* a benchmark (gpt-4-1106-preview vs mixtral-8x7b-instruct APGR).

Usage:
  python3 bench/router-analysis/within_source_signals.py consensus OOF.jsonl LOSO.jsonl DATA.jsonl...
      two-tier score = P(gpt-4) - P(mixtral) + beta * (1 - mean predicted P of the other models): does the
      11-model outcome matrix, as a "how many models fail this" difficulty target, help? (OOF / LOSO files from
      `tiergate train --cv --oof-out F --loso-out G`)
  python3 bench/router-analysis/within_source_signals.py shrinkage EMBEDDINGS.bin DATA.jsonl...
      numpy re-implementation of knn:150:10:5 whose prior pulls towards a broad neighbourhood (knn:1000:2 or
      knn:400:5) instead of the global mean: keep topic-level signal, damp single-neighbour noise.
      EMBEDDINGS.bin is `tiergate train --embedding-cache` (same DATA files in the same order). Its own 5-fold split
      (seed 7, by source), so absolute values differ from `tiergate train --cv` by fold noise (about 0.02).
  python3 bench/router-analysis/within_source_signals.py choices CHOICE_MARGIN.jsonl DATA.jsonl...
      each ChoiceMargin.java statistic used alone as the routing score (sign: "less separable = harder").
Needs numpy. An analysis aid for docs/BENCHMARKS.md, not part of the product.
"""
import json, struct, sys
import numpy as np
from pair_bootstrap import STRONG, WEAK, apgr


def load(files):
    rows = [json.loads(l) for f in files for l in open(f)]
    return [r for r in rows if STRONG in r["outcomes"] and WEAK in r["outcomes"]]


def arrays(rows):
    src = np.array([r["source"] for r in rows])
    s = np.array([r["outcomes"][STRONG]["score"] for r in rows])
    w = np.array([r["outcomes"][WEAK]["score"] for r in rows])
    return src, s, w


def per_source(score, src, s, w):
    return " ".join(f"{x.split('/')[-1]} {apgr(score[src == x], s[src == x], w[src == x]):.3f}" for x in dict.fromkeys(src))


def consensus(oof, loso, files):
    rows = load(files)
    src, s, w = arrays(rows)
    for kind, path in (("k-fold", oof), ("LOSO", loso)):
        p = {json.loads(l)["id"]: json.loads(l)["p"] for l in open(path)}
        models = list(p[rows[0]["id"]])
        others = [m for m in models if m != STRONG]
        gap = np.array([p[r["id"]][STRONG] - p[r["id"]][WEAK] for r in rows])
        difficulty = np.array([1 - np.mean([p[r["id"]][m] for m in others]) for r in rows])
        for beta in (0, 0.5, 1, 2, 4):
            print(f"{kind:6s} beta {beta:<3} {per_source(gap + beta * difficulty, src, s, w)}")
        print(f"{kind:6s} difficulty alone {per_source(difficulty, src, s, w)}")


def shrinkage(emb_file, files):
    rows = load(files)
    raw = open(emb_file, "rb").read()
    n, dim = struct.unpack(">ii", raw[:8])
    if n != len(rows):
        sys.exit(f"{emb_file} holds {n} embeddings for {len(rows)} rows: pass the same DATA files in the same order")
    e = np.frombuffer(raw[8:8 + 4 * n * dim], dtype=">f4").reshape(n, dim).astype(np.float32)
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    sim = e @ e.T
    src, s, w = arrays(rows)
    y = np.stack([s, w], 1)
    rng = np.random.default_rng(7)
    fold = np.zeros(n, int)
    for x in sorted(set(src)):
        idx = np.where(src == x)[0]
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % 5

    def knn(train, test, k, gamma, prior, base=None):
        sims = sim[np.ix_(test, train)]
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        ts = np.take_along_axis(sims, top, 1)
        wt = np.exp(gamma * (ts - ts.max(1, keepdims=True)))
        towards = y[train].mean(0) if base is None else base
        return (np.einsum("mk,mkj->mj", wt, y[train][top]) + prior * towards) / (wt.sum(1, keepdims=True) + prior)

    variants = {"knn:150:10:5": lambda tr, te: knn(tr, te, 150, 10, 5)}
    for bk, bg in ((1000, 2), (400, 5)):
        for prior in (5, 20, 50, 150):
            variants[f"knn:150:10 -> knn:{bk}:{bg}, prior {prior}"] = (
                lambda tr, te, bk=bk, bg=bg, prior=prior: knn(tr, te, 150, 10, prior, base=knn(tr, te, bk, bg, 5)))
    for name, fn in variants.items():
        line = []
        for kind in ("k-fold", "LOSO"):
            groups = range(5) if kind == "k-fold" else sorted(set(src))
            pred = np.zeros((n, 2))
            for g in groups:
                te = np.where(fold == g if kind == "k-fold" else src == g)[0]
                pred[te] = fn(np.setdiff1d(np.arange(n), te), te)
            line.append(f"{kind} {per_source(pred[:, 0] - pred[:, 1], src, s, w)}")
        print(f"{name:38s} " + " | ".join(line))


def choices(path, files):
    by_id = {r["id"]: r for r in load(files)}
    cm = [json.loads(l) for l in open(path) if json.loads(l)["id"] in by_id]
    rows = [by_id[c["id"]] for c in cm]
    src, s, w = arrays(rows)
    for key, sign in (("margin", -1), ("ent", 1), ("margin2", -1), ("ent2", 1), ("spread", -1), ("choicesim", 1)):
        print(f"{key:10s} {per_source(sign * np.array([c[key] for c in cm]), src, s, w)}")


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    {"consensus": lambda: consensus(args[0], args[1], args[2:]),
     "shrinkage": lambda: shrinkage(args[0], args[1:]),
     "choices": lambda: choices(args[0], args[1:])}[mode]()
