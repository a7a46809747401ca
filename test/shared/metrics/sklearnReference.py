"""Reference values for test/shared/metrics/referenceAgreement.test.ts.

Reads a job (job.json plus raw little-endian arrays beside it) and prints, as JSON, every
metric computed by the libraries analysts trust: scikit-learn for classification and
regression, scipy for KS, numpy.percentile for PSI edges. DeLong's variance is written
here in numpy after Sun & Xu (2014), midranks and all, independently of the TypeScript.
Undefined values are printed as null.
"""

import json
import math
import os
import re
import sys
import warnings
from collections import Counter

import numpy as np
from scipy import stats
from sklearn import metrics as skm

warnings.simplefilter("ignore")  # one-class groups make scikit-learn warn; the nulls say it

Z = 1.959963984540054
DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def load(folder, name, dtype):
    return np.fromfile(os.path.join(folder, name), dtype=dtype)


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def midranks(x):
    """Average 1-based ranks, ties sharing the mean of their positions."""
    values, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    return (starts + (counts + 1) / 2.0)[inverse]


def delong(y, s):
    """Sun & Xu's fast DeLong for one classifier: (AUC, variance), or None below two of a class."""
    pos, neg = s[y == 1], s[y == 0]
    m, n = len(pos), len(neg)
    if m < 2 or n < 2:
        return None
    tx, ty = midranks(pos), midranks(neg)
    tz = midranks(np.concatenate([pos, neg]))
    auc = (tz[:m].sum() - m * (m + 1) / 2.0) / (m * n)
    v01 = (tz[:m] - tx) / n
    v10 = 1.0 - (tz[m:] - ty) / m
    return auc, np.cov(v01) / m + np.cov(v10) / n


def binary_metrics(y, s, threshold):
    y = y.astype(np.int64)
    pred = (s >= threshold).astype(np.int64)
    n, positives = len(y), int(y.sum())
    both = 0 < positives < n
    out = {
        "n": n,
        "positives": positives,
        "roc_auc": num(skm.roc_auc_score(y, s)) if both else None,
        "roc_auc_ci95": None,
        "average_precision": num(skm.average_precision_score(y, s)) if positives > 0 else None,
        "accuracy": num(skm.accuracy_score(y, pred)),
        "precision": num(skm.precision_score(y, pred, zero_division=0)),
        "recall": num(skm.recall_score(y, pred, zero_division=0)),
        "f1": num(skm.f1_score(y, pred, zero_division=0)),
        "selection_rate": num(pred.mean()),
        "log_loss": num(skm.log_loss(y, np.clip(s, 1e-15, 1 - 1e-15), labels=[0, 1])),
        "brier": num(skm.brier_score_loss(y, s, pos_label=1)),
    }
    d = delong(y, s)
    if d is not None:
        auc, var = d
        half = Z * math.sqrt(var)
        out["roc_auc_ci95"] = [max(0.0, auc - half), min(1.0, auc + half)]
    bins = np.minimum(np.floor(10 * s).astype(np.int64), 9)
    ece = 0.0
    for b in range(10):
        mask = bins == b
        if mask.any():
            ece += (mask.sum() / n) * abs(y[mask].mean() - s[mask].mean())
    out["ece"] = num(ece)
    tn, fp, fn, tp = skm.confusion_matrix(y, pred, labels=[0, 1]).ravel()
    return out, (int(tp), int(fp), int(tn), int(fn))


def fairness(confusions):
    rates = [(tp + fp) / (tp + fp + tn + fn) for tp, fp, tn, fn in confusions]
    tprs = [tp / (tp + fn) for tp, fp, tn, fn in confusions if tp + fn > 0]
    fprs = [fp / (fp + tn) for tp, fp, tn, fn in confusions if fp + tn > 0]
    spread = lambda xs: max(xs) - min(xs) if xs else 0.0
    return {
        "demographic_parity_difference": max(rates) - min(rates),
        "demographic_parity_ratio": 1.0 if max(rates) == 0 else min(rates) / max(rates),
        "equalized_odds_difference": max(spread(tprs), spread(fprs)),
    }


def regression_metrics(y, p):
    return {
        "n": len(y),
        "rmse": num(math.sqrt(skm.mean_squared_error(y, p))),
        "mae": num(skm.mean_absolute_error(y, p)),
        "r2": num(skm.r2_score(y, p)),
    }


def groups_of(folder, spec):
    for attr, g in spec.items():
        codes = load(folder, g["codes"], "<u4")
        yield attr, [(value, codes == code) for code, value in enumerate(g["values"]) if (codes == code).any()]


def is_numeric(values):
    return all(DECIMAL.fullmatch(v) and math.isfinite(float(v)) for v in values)


def drift(reference, current):
    ref = [v for v in reference if v not in (None, "")]
    cur = [v for v in current if v not in (None, "")]
    out = {"missing": [len(reference) - len(ref), len(current) - len(cur)]}
    numeric = is_numeric(ref) and is_numeric(cur)
    out["kind"] = "numeric" if numeric else "categorical"
    if not ref or not cur:
        return {**out, "psi": None, "ks": None}
    if numeric:
        r = np.array([float(v) for v in ref])
        c = np.array([float(v) for v in cur])
        edges = np.unique(np.percentile(r, np.arange(10, 100, 10)))
        ref_counts = np.bincount(np.searchsorted(edges, r, side="left"), minlength=len(edges) + 1)
        cur_counts = np.bincount(np.searchsorted(edges, c, side="left"), minlength=len(edges) + 1)
        ks = num(stats.ks_2samp(r, c, method="asymp").statistic)
    else:
        categories = sorted(set(ref) | set(cur))
        rc, cc = Counter(ref), Counter(cur)
        ref_counts = np.array([rc[k] for k in categories])
        cur_counts = np.array([cc[k] for k in categories])
        ks = None
    p_ref = np.where(ref_counts == 0, 1e-4, ref_counts / len(ref))
    p_cur = np.where(cur_counts == 0, 1e-4, cur_counts / len(cur))
    return {**out, "psi": num(np.sum((p_cur - p_ref) * np.log(p_cur / p_ref))), "ks": ks}


def main(folder):
    with open(os.path.join(folder, "job.json")) as f:
        job = json.load(f)
    out = {"binary": [], "regression": [], "drift": []}
    for case in job["binary"]:
        y, s = load(folder, case["y_true"], "<f8"), load(folder, case["y_score"], "<f8")
        overall, _ = binary_metrics(y, s, case["threshold"])
        groups, fair = {}, {}
        for attr, members in groups_of(folder, case["groups"]):
            results = {value: binary_metrics(y[mask], s[mask], case["threshold"]) for value, mask in members}
            groups[attr] = {value: r[0] for value, r in results.items()}
            fair[attr] = fairness([r[1] for r in results.values()])
        out["binary"].append({"overall": overall, "groups": groups, "fairness": fair})
    for case in job["regression"]:
        y, p = load(folder, case["y_true"], "<f8"), load(folder, case["y_pred"], "<f8")
        groups = {attr: {value: regression_metrics(y[mask], p[mask]) for value, mask in members} for attr, members in groups_of(folder, case["groups"])}
        out["regression"].append({"overall": regression_metrics(y, p), "groups": groups})
    for case in job["drift"]:
        out["drift"].append(drift(case["reference"], case["current"]))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
